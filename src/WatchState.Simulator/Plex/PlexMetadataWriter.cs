using System.Globalization;

namespace WatchState.Simulator.Plex;

/// <summary>How much of an item to write and for whom.</summary>
/// <param name="User">Whose viewCount/lastViewedAt/viewOffset to show.</param>
/// <param name="IncludeGuids">Whether the <c>Guid[]</c> array is wanted (<c>includeGuids=1</c>).</param>
/// <param name="Single">
/// <c>/library/metadata/{id}</c> form: play state after <c>year</c> and the item's own librarySection* attributes,
/// as that endpoint writes them; listings keep PMS's sorted attribute order instead.
/// </param>
internal sealed record PlexWriteOptions(string User, bool IncludeGuids, bool Single);

/// <summary>Writes library rows as PMS does: children first, then attributes; unset attributes left out.</summary>
internal static class PlexMetadataWriter
{
    public static void Write(PlexBodyWriter w, PlexServer server, PlexItem item, PlexWriteOptions o)
    {
        var state = item.IsVideo ? server.Get(o.User, item.RatingKey) : default;
        w.BeginElement(item.Kind switch { PlexKind.Movie or PlexKind.Episode => "Video", _ => "Directory" });
        if (item.Kind is PlexKind.Movie or PlexKind.Show)
        {
            Tags(w, "Genre", item.Genres);
        }

        if (o.IncludeGuids && item.Guids.Count > 0 && item.Kind != PlexKind.Season)
        {
            Tags(w, "Guid", "id", item.Guids);
        }

        if (item.IsVideo)
        {
            Media(w, item);
        }

        w.Attr("addedAt", item.AddedAt);
        switch (item.Kind)
        {
            case PlexKind.Movie:
                Movie(w, item, state, o);
                break;
            case PlexKind.Episode:
                Episode(w, item, state, o);
                break;
            case PlexKind.Show:
                Show(w, server, item, o);
                break;
            default:
                Season(w, server, item, o);
                break;
        }

        if (o.Single)
        {
            var section = PlexCatalog.Sections[item.SectionId - 1];
            w.Attr("librarySectionID", section.Id);
            w.Attr("librarySectionKey", "/library/sections/" + section.Id.ToString(CultureInfo.InvariantCulture));
            w.Attr("librarySectionTitle", section.Title);
        }

        w.EndElement();
    }

    private static void Movie(PlexBodyWriter w, PlexItem item, PlexPlayState state, PlexWriteOptions o)
    {
        w.Attr("duration", item.DurationMs);
        w.Attr("guid", item.Guid);
        w.Attr("key", Key(item));
        if (!o.Single && state.LastViewedAt is { } last)
        {
            w.Attr("lastViewedAt", last);
        }

        if (item.OriginalTitle is { } original)
        {
            w.Attr("originalTitle", original);
        }

        if (item.OriginallyAvailableAt is { } day)
        {
            w.Attr("originallyAvailableAt", day);
        }

        w.Attr("ratingKey", Rk(item));
        if (item.Summary is { } summary)
        {
            w.Attr("summary", summary);
        }

        w.Attr("thumb", Thumb(item));
        w.Attr("title", item.Title);
        w.Attr("type", "movie");
        w.Attr("updatedAt", item.AddedAt);
        if (!o.Single)
        {
            PlayState(w, state, single: false);
        }

        if (item.Year is { } year)
        {
            w.Attr("year", year);
        }

        if (o.Single)
        {
            PlayState(w, state, single: true);
        }
    }

    private static void Episode(PlexBodyWriter w, PlexItem item, PlexPlayState state, PlexWriteOptions o)
    {
        var show = item.Show!;
        var season = item.Parent!;
        w.Attr("duration", item.DurationMs);
        w.Attr("grandparentGuid", show.Guid);
        w.Attr("grandparentKey", Key(show));
        w.Attr("grandparentRatingKey", Rk(show));
        w.Attr("grandparentThumb", Thumb(show));
        w.Attr("grandparentTitle", show.Title);
        w.Attr("guid", item.Guid);
        w.Attr("index", item.Index);
        w.Attr("key", Key(item));
        if (!o.Single && state.LastViewedAt is { } last)
        {
            w.Attr("lastViewedAt", last);
        }

        if (item.OriginallyAvailableAt is { } day)
        {
            w.Attr("originallyAvailableAt", day);
        }

        w.Attr("parentGuid", season.Guid);
        w.Attr("parentIndex", item.ParentIndex);
        w.Attr("parentKey", Key(season));
        w.Attr("parentRatingKey", Rk(season));
        w.Attr("parentTitle", season.Title);
        w.Attr("ratingKey", Rk(item));
        if (item.Summary is { } summary)
        {
            w.Attr("summary", summary);
        }

        w.Attr("thumb", Thumb(item));
        w.Attr("title", item.Title);
        w.Attr("type", "episode");
        w.Attr("updatedAt", item.AddedAt);
        PlayState(w, state, o.Single);
    }

    private static void Show(PlexBodyWriter w, PlexServer server, PlexItem item, PlexWriteOptions o)
    {
        var episodes = server.Catalog.EpisodesOf(item);
        w.Attr("childCount", episodes.Select(e => e.Parent).Distinct().Count());
        w.Attr("guid", item.Guid);
        w.Attr("key", Key(item) + "/children");
        w.Attr("leafCount", episodes.Count);
        if (item.OriginallyAvailableAt is { } day)
        {
            w.Attr("originallyAvailableAt", day);
        }

        w.Attr("ratingKey", Rk(item));
        if (item.Summary is { } summary)
        {
            w.Attr("summary", summary);
        }

        w.Attr("thumb", Thumb(item));
        w.Attr("title", item.Title);
        w.Attr("type", "show");
        w.Attr("updatedAt", item.AddedAt);
        w.Attr("viewedLeafCount", server.CountViewed(o.User, episodes));
        if (item.Year is { } year)
        {
            w.Attr("year", year);
        }
    }

    private static void Season(PlexBodyWriter w, PlexServer server, PlexItem item, PlexWriteOptions o)
    {
        var episodes = server.Catalog.EpisodesOf(item);
        var show = item.Show!;
        w.Attr("guid", item.Guid);
        w.Attr("index", item.Index);
        w.Attr("key", Key(item) + "/children");
        w.Attr("leafCount", episodes.Count);
        w.Attr("parentGuid", show.Guid);
        w.Attr("parentKey", Key(show));
        w.Attr("parentRatingKey", Rk(show));
        w.Attr("parentTitle", show.Title);
        w.Attr("ratingKey", Rk(item));
        w.Attr("title", item.Title);
        w.Attr("type", "season");
        w.Attr("updatedAt", item.AddedAt);
        w.Attr("viewedLeafCount", server.CountViewed(o.User, episodes));
    }

    private static void PlayState(PlexBodyWriter w, PlexPlayState state, bool single)
    {
        if (state.ViewCount > 0)
        {
            w.Attr("viewCount", state.ViewCount);
        }

        if (state.ViewOffset is { } offset)
        {
            w.Attr("viewOffset", offset);
        }

        if (single && state.LastViewedAt is { } last)
        {
            w.Attr("lastViewedAt", last);
        }
    }

    private static void Media(PlexBodyWriter w, PlexItem item)
    {
        var container = Path.GetExtension(item.File)?.TrimStart('.') is { Length: > 0 } ext ? ext : "mkv";
        w.BeginList("Media");
        w.BeginElement("Media");
        w.BeginList("Part");
        w.BeginElement("Part");
        w.Attr("container", container);
        w.Attr("duration", item.DurationMs);
        w.Attr("file", item.File!);
        w.Attr("id", item.RatingKey);
        w.Attr("key", $"/library/parts/{Rk(item)}/{item.AddedAt.ToString(CultureInfo.InvariantCulture)}/file.{container}");
        w.Attr("size", item.DurationMs * 250);
        w.EndElement();
        w.EndList();
        w.Attr("container", container);
        w.Attr("duration", item.DurationMs);
        w.Attr("id", item.RatingKey);
        w.EndElement();
        w.EndList();
    }

    private static void Tags(PlexBodyWriter w, string name, IReadOnlyList<string> tags) => Tags(w, name, "tag", tags);

    private static void Tags(PlexBodyWriter w, string name, string attribute, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.BeginList(name);
        foreach (var value in values)
        {
            w.BeginElement(name);
            w.Attr(attribute, value);
            w.EndElement();
        }

        w.EndList();
    }

    private static string Rk(PlexItem item) => item.RatingKey.ToString(CultureInfo.InvariantCulture);

    private static string Key(PlexItem item) => "/library/metadata/" + Rk(item);

    private static string Thumb(PlexItem item) =>
        $"/library/metadata/{Rk(item)}/thumb/{item.AddedAt.ToString(CultureInfo.InvariantCulture)}";
}
