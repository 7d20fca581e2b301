using System.Globalization;
using WatchState.Configuration;

namespace WatchState.Backends;

/// <summary>The <c>options.*</c> every server kind's client uses, validated.</summary>
internal sealed record ClientSettings(TimeSpan Timeout, int PageSize, int MaxEpisodeRange)
{
    public const string TimeoutKey = "client.timeout";
    public const string PageSizeKey = "LIBRARY_SEGMENT";
    public const string MaxEpisodeRangeKey = "MAX_EPISODE_RANGE";

    /// <param name="invalid">Builds the server kind's own exception for a bad value.</param>
    public static ClientSettings From(BackendConfig config, Func<string, BackendException> invalid)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(invalid);
        var seconds = Read(config, invalid, TimeoutKey, 30.0, v => v is > 0 and <= 3600, "a number of seconds between 0 and 3600");
        var pageSize = Read(config, invalid, PageSizeKey, 1000, v => v is >= 1 and <= 100_000, "a whole number between 1 and 100000");
        var range = Read(config, invalid, MaxEpisodeRangeKey, 5, v => v is >= 1 and <= 1000, "a whole number between 1 and 1000");
        return new ClientSettings(TimeSpan.FromSeconds(seconds), pageSize, range);
    }

    private static T Read<T>(BackendConfig config, Func<string, BackendException> invalid, string key, T fallback, Func<T, bool> valid, string expected)
        where T : struct, IParsable<T>
    {
        var text = Find(config.Options, key);
        if (text is null)
        {
            return fallback;
        }

        if (T.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value) && valid(value))
        {
            return value;
        }

        throw invalid($"option {key} must be {expected}, not '{text}'");
    }

    // Keys come from YAML written by hand; accept any case and the "options." prefix.
    internal static string? Find(IReadOnlyDictionary<string, string> options, string key)
    {
        foreach (var (name, value) in options)
        {
            var bare = name.StartsWith("options.", StringComparison.OrdinalIgnoreCase) ? name["options.".Length..] : name;
            if (string.Equals(bare, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
