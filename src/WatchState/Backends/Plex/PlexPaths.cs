using System.Globalization;

namespace WatchState.Backends.Plex;

/// <summary>The PMS endpoints we call, relative to the server's base URL. Plex paths are case-sensitive.</summary>
internal static class PlexPaths
{
    public const string ServerInfo = "";
    public const string Sections = "library/sections";
    public const string Accounts = "accounts";

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
