using System.Globalization;
using WatchState.Configuration;

namespace WatchState.Backends.Plex;

/// <summary>The <c>options.*</c> of one Plex backend that the client uses, validated.</summary>
internal sealed record PlexSettings(TimeSpan Timeout, int PageSize, int MaxEpisodeRange)
{
    public const string TimeoutKey = "client.timeout";
    public const string PageSizeKey = "LIBRARY_SEGMENT";
    public const string MaxEpisodeRangeKey = "MAX_EPISODE_RANGE";

    public static PlexSettings From(BackendConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var seconds = Read(config, TimeoutKey, 30.0, v => v is > 0 and <= 3600, "a number of seconds between 0 and 3600");
        var pageSize = Read(config, PageSizeKey, 1000, v => v is >= 1 and <= 100_000, "a whole number between 1 and 100000");
        var range = Read(config, MaxEpisodeRangeKey, 5, v => v is >= 1 and <= 1000, "a whole number between 1 and 1000");
        return new PlexSettings(TimeSpan.FromSeconds(seconds), pageSize, range);
    }

    private static T Read<T>(BackendConfig config, string key, T fallback, Func<T, bool> valid, string expected)
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

        throw new PlexException(config.Name, $"option {key} must be {expected}, not '{text}'");
    }

    // Keys come from YAML written by hand; accept any case and the "options." prefix.
    private static string? Find(IReadOnlyDictionary<string, string> options, string key)
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
