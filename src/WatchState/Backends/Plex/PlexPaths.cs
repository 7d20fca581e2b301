using System.Globalization;

namespace WatchState.Backends.Plex;

/// <summary>The PMS endpoints we call, relative to the server's base URL. Plex paths are case-sensitive.</summary>
internal static class PlexPaths
{
    public const string ServerInfo = "";
    public const string Sections = "library/sections";
    public const string Accounts = "accounts";

    public const string Sessions = "status/sessions";

    private const string LibraryIdentifier = "identifier=com.plexapp.plugins.library";

    public const int MovieType = 1;
    public const int ShowType = 2;
    public const int EpisodeType = 4;

    /// <summary>A page of one section's items of one type, with the external ids; start/size also go in headers.</summary>
    public static string SectionPage(string sectionId, int type, int start, int size)
    {
        var sort = type switch
        {
            MovieType => "&sort=addedAt",
            EpisodeType => "&sort=episode.addedAt",
            _ => string.Empty,
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"library/sections/{Uri.EscapeDataString(sectionId)}/all?includeGuids=1&type={type}{sort}&{PlexApi.ContainerStart}={start}&{PlexApi.ContainerSize}={size}");
    }

    /// <summary>Items by comma-separated rating keys with their external ids; unknown keys are left out.</summary>
    public static string MetadataByKeys(IEnumerable<string> ratingKeys) =>
        $"library/metadata/{string.Join(',', ratingKeys.Select(Uri.EscapeDataString))}?includeGuids=1";

    /// <summary>Mark played: one more view, dated now by the server, resume point cleared.</summary>
    public static string Scrobble(string ratingKey) => $":/scrobble?{LibraryIdentifier}&key={Uri.EscapeDataString(ratingKey)}";

    /// <summary>Mark unplayed: view count, last viewed date and resume point all removed.</summary>
    public static string Unscrobble(string ratingKey) => $":/unscrobble?{LibraryIdentifier}&key={Uri.EscapeDataString(ratingKey)}";

    /// <summary>A stopped playback at <paramref name="timeMs"/>; PMS ignores it without a duration.</summary>
    public static string Timeline(string ratingKey, long timeMs, long durationMs)
    {
        var key = Uri.EscapeDataString(ratingKey);
        return string.Create(
            CultureInfo.InvariantCulture,
            $":/timeline?ratingKey={key}&key=%2Flibrary%2Fmetadata%2F{key}&{LibraryIdentifier}&state=stopped&time={timeMs}&duration={durationMs}");
    }

    /// <summary>
    /// The two listings that together hold every item changed since <paramref name="since"/> (epoch seconds,
    /// "is after"): <c>lastViewedAt</c> moves on every play, mark-played and stopped timeline of the token's user;
    /// <c>updatedAt</c> on additions and metadata changes. An unwatch removes lastViewedAt and does not touch
    /// updatedAt (BACKEND-APIS §1.8), so neither listing shows it: only a full import sees Plex unwatches.
    /// </summary>
    public static IReadOnlyList<string> ChangedFilters(DateTimeOffset since)
    {
        var seconds = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return [$"&lastViewedAt%3E%3E={seconds}", $"&updatedAt%3E%3E={seconds}"];
    }
}
