namespace WatchState.Configuration;

/// <summary>
/// The variables the program is configured with: <c>config/.env</c> overlaid by the real environment (a real
/// variable wins, so <c>docker run -e</c> can override the file). Remembers where each value came from so an
/// error can point at the line to fix.
/// </summary>
public sealed class ConfigEnvironment
{
    private readonly Dictionary<string, (string Value, string? Origin)> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> asked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> defaults = new(StringComparer.Ordinal);

    private ConfigEnvironment()
    {
    }

    public static ConfigEnvironment Create(
        IReadOnlyList<DotEnvEntry> fileEntries,
        string fileDisplayName,
        IReadOnlyDictionary<string, string> realEnvironment)
    {
        ArgumentNullException.ThrowIfNull(fileEntries);
        ArgumentNullException.ThrowIfNull(realEnvironment);
        var environment = new ConfigEnvironment();
        foreach (var entry in fileEntries)
        {
            environment.values[entry.Key] = (entry.Value, $"{fileDisplayName} line {entry.Line}");
        }

        foreach (var (key, value) in realEnvironment)
        {
            environment.values[key] = (value, null);
        }

        return environment;
    }

    /// <summary>The value, or null when the variable is unset or empty (an empty value means "use the default").</summary>
    public string? Get(string key)
    {
        asked.Add(key);
        return values.TryGetValue(key, out var entry) && !string.IsNullOrWhiteSpace(entry.Value) ? entry.Value.Trim() : null;
    }

    /// <summary>Every variable the program has read so far: after loading the settings, the list of settings it knows.</summary>
    public IReadOnlySet<string> Asked => asked;

    /// <summary>
    /// <c>WS_*</c> variables that are set but that nothing has read: a typo, or a setting of another version
    /// (checked after the settings are loaded).
    /// </summary>
    public IReadOnlyList<string> Unused(IEnumerable<string> readElsewhere) =>
        [.. values.Keys.Where(k => k.StartsWith("WS_", StringComparison.Ordinal) && !asked.Contains(k)).Except(readElsewhere, StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The error for a bad value: <c>WS_X: 'v' is not …</c>, prefixed with the .env line when it came from there.</summary>
    public ConfigException Invalid(string key, string problem)
    {
        var message = $"{key}: '{Get(key)}' {problem}";
        return values.TryGetValue(key, out var entry) && entry.Origin is not null
            ? new ConfigException($"{entry.Origin}: {message}")
            : new ConfigException(message);
    }

    public string GetString(string key, string defaultValue)
    {
        defaults[key] = defaultValue;
        return Get(key) ?? defaultValue;
    }

    /// <summary>
    /// The <c>WS_*</c> variables the program read or that are set, with their values, defaults and where each value
    /// came from (the settings page shows them; nothing re-reads the files).
    /// </summary>
    public IReadOnlyList<ConfigVariable> Describe() =>
        [.. asked.Concat(values.Keys).Where(k => k.StartsWith("WS_", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(key =>
        {
            var set = values.TryGetValue(key, out var entry) && !string.IsNullOrWhiteSpace(entry.Value);
            return new ConfigVariable(
                key,
                set ? entry.Value.Trim() : null,
                defaults.GetValueOrDefault(key),
                !set ? ConfigVariable.FromDefault : entry.Origin ?? ConfigVariable.FromEnvironment,
                asked.Contains(key));
        })];

    public bool GetBool(string key, bool defaultValue)
    {
        defaults[key] = defaultValue ? "true" : "false";
        var text = Get(key);
        if (text is null)
        {
            return defaultValue;
        }

        return ConfigValues.TryParseBool(text, out var value) ? value : throw Invalid(key, "is not true or false");
    }

    public int GetInt(string key, int defaultValue, int min, int max)
    {
        defaults[key] = defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = Get(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, out var value))
        {
            throw Invalid(key, "is not a whole number");
        }

        return value >= min && value <= max ? value : throw Invalid(key, $"is not between {min} and {max}");
    }

    /// <summary>A cron expression: five fields (minute hour day month weekday), or six with seconds first.</summary>
    public Cronos.CronExpression GetCron(string key, string defaultValue)
    {
        var value = GetString(key, defaultValue).Trim();
        var format = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? Cronos.CronFormat.IncludeSeconds : Cronos.CronFormat.Standard;
        try
        {
            return Cronos.CronExpression.Parse(value, format);
        }
        catch (Cronos.CronFormatException ex)
        {
            throw Invalid(key, $"is not a cron expression with five fields such as '{defaultValue}' ({ex.Message.TrimEnd('.')})");
        }
    }
}

/// <summary>One <c>WS_*</c> variable as the settings page shows it.</summary>
/// <param name="Value">The value set, or null when the default applies.</param>
/// <param name="Default">The default the program uses when unset; null when it has none or did not say.</param>
/// <param name="Source"><see cref="FromEnvironment"/>, <see cref="FromDefault"/>, or the .env file and line.</param>
/// <param name="Known">False when nothing reads it (a typo, or a setting of another version).</param>
public sealed record ConfigVariable(string Name, string? Value, string? Default, string Source, bool Known)
{
    public const string FromEnvironment = "environment";
    public const string FromDefault = "default";

    /// <summary>Names that hold credentials: their values are never shown whole.</summary>
    public bool IsSecret => Name.Contains("TOKEN", StringComparison.Ordinal) || Name.Contains("KEY", StringComparison.Ordinal)
        || Name.Contains("PASSWORD", StringComparison.Ordinal) || Name.Contains("SECRET", StringComparison.Ordinal);
}
