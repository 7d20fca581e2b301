using System.Globalization;

namespace WatchState.Simulator.Plex;

/// <summary>
/// The section-listing filters PMS understands that an incremental import uses: <c>lastViewedAt&gt;&gt;=</c> and
/// <c>updatedAt&gt;&gt;=</c> ("is after", epoch seconds). lastViewedAt is the asking user's (set by scrobble and
/// timeline, removed by unscrobble); updatedAt is the item's own and play state does not touch it.
/// </summary>
internal static class PlexFilters
{
    private const string LastViewedAfter = "lastViewedAt>>";
    private const string UpdatedAfter = "updatedAt>>";

    /// <summary>The listing narrowed by the request's filters; the same list when it has none.</summary>
    /// <exception cref="FormatException">A filter value is not a number.</exception>
    public static IReadOnlyList<PlexItem> Apply(IReadOnlyList<PlexItem> items, IQueryCollection query, PlexServer server, string user)
    {
        var viewedAfter = Seconds(query, LastViewedAfter);
        var updatedAfter = Seconds(query, UpdatedAfter);
        if (viewedAfter is null && updatedAfter is null)
        {
            return items;
        }

        return [.. items.Where(i =>
            (updatedAfter is not { } u || i.AddedAt > u)
            && (viewedAfter is not { } v || server.Get(user, i.RatingKey).LastViewedAt > v))];
    }

    private static long? Seconds(IQueryCollection query, string key) =>
        query[key].FirstOrDefault() is not { Length: > 0 } text ? null
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"{key} is not a number");
}
