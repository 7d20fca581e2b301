using System.Globalization;
using WatchState.Configuration;
using YamlDotNet.RepresentationModel;

namespace WatchState.Ignoring;

/// <summary>
/// <c>config/ignore.yaml</c> as WatchState writes it: a map of rule (see <see cref="IgnoreRule"/>) to the Unix time
/// it was added. A missing file means no rules; a broken one is refused with its line, never half-read.
/// </summary>
public sealed class IgnoreFile(DataPaths paths)
{
    public const string FileName = "ignore.yaml";

    private CachedRules? _cached;

    public string Path => System.IO.Path.Combine(paths.ConfigDir, FileName);

    public string DisplayName => paths.Display(Path);

    /// <exception cref="ConfigException">The file cannot be read or a rule in it is malformed.</exception>
    public async Task<IReadOnlyList<IgnoreEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        var text = await ConfigFileText.ReadOptionalAsync(Path, DisplayName, cancellationToken);
        if (text is null)
        {
            return [];
        }

        return Parse(text, DisplayName);
    }

    /// <summary>
    /// The rules ready to apply to observations. Every import, export, webhook drain and outbox drain asks, so the
    /// parsed rules are kept until the file changes (its time or size), as the identity files are.
    /// </summary>
    public async Task<IgnoreRules> LoadRulesAsync(CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        if (Volatile.Read(ref _cached) is { } cached && cached.Stamp == stamp)
        {
            return cached.Rules;
        }

        var rules = new IgnoreRules((await LoadAsync(cancellationToken)).Select(e => e.Rule));
        Volatile.Write(ref _cached, new CachedRules(stamp, rules));
        return rules;
    }

    private string Stamp()
    {
        var file = new FileInfo(Path);
        return file.Exists ? $"{file.LastWriteTimeUtc.Ticks}|{file.Length}" : "-";
    }

    private sealed record CachedRules(string Stamp, IgnoreRules Rules);

    public async Task SaveAsync(IReadOnlyList<IgnoreEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = Format(entries);
        try
        {
            await AtomicFile.WriteAllTextAsync(Path, text, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(DisplayName, null, $"cannot be written: {e.Message}", e);
        }
    }

    /// <summary>The file's text: one <c>'rule': unix time added</c> line per entry, as WatchState writes it.</summary>
    internal static string Format(IReadOnlyList<IgnoreEntry> entries)
    {
        var lines = entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"'{e.Rule.ToString().Replace("'", "''", StringComparison.Ordinal)}': {e.AddedAt.ToUnixTimeSeconds()}"));
        return entries.Count == 0 ? "{}\n" : string.Join('\n', lines) + "\n";
    }

    internal static IReadOnlyList<IgnoreEntry> Parse(string text, string displayName)
    {
        var root = YamlText.LoadRoot(text, displayName);
        if (root is null)
        {
            return [];
        }

        if (root is not YamlMappingNode map)
        {
            throw new ConfigException(displayName, root.Start.Line, "expected a map of rule: time added");
        }

        var entries = new List<IgnoreEntry>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            if (!IgnoreRule.TryParse(key, out var rule, out var error))
            {
                throw new ConfigException(displayName, keyNode.Start.Line, $"'{key}': {error}");
            }

            var added = valueNode is YamlScalarNode { Value: { } v } && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.UnixEpoch;
            entries.Add(new IgnoreEntry(rule, added));
        }

        return entries;
    }
}

/// <summary>A rule and when it was added.</summary>
public sealed record IgnoreEntry(IgnoreRule Rule, DateTimeOffset AddedAt);
