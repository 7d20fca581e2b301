using WatchState.Backends.Plex;
using WatchState.Configuration;
using WatchState.Live;

namespace WatchState.Backends;

/// <summary>
/// Every <c>options.*</c> key of a backend that the program reads. <c>config:test</c> names any other key as
/// unused (a typo, or a setting of another version), and the configuration reference documents exactly these.
/// </summary>
public static class BackendOptionKeys
{
    public static IReadOnlyList<string> All { get; } =
    [
        ClientSettings.TimeoutKey,
        ClientSettings.PageSizeKey,
        ClientSettings.MaxEpisodeRangeKey,
        LiveSettings.Key,
        Sync.IgnoredLibraries.Key,
        PlexOptions.AdminToken,
        PlexOptions.UserUuid,
        PlexOptions.UserName,
        PlexOptions.UserPin,
        PlexOptions.ExternalUser,
        PlexOptions.LimitedToken,
    ];

    /// <summary>The backend's option keys that nothing reads, as written (without the <c>options.</c> prefix).</summary>
    public static IReadOnlyList<string> Unused(BackendConfig backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return [.. backend.Options.Keys
            .Select(k => k.StartsWith("options.", StringComparison.OrdinalIgnoreCase) ? k["options.".Length..] : k)
            .Where(k => !All.Contains(k, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];
    }
}
