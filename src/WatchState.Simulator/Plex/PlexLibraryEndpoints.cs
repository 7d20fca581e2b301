using System.Globalization;

namespace WatchState.Simulator.Plex;

/// <summary>Paged section listings and items by rating key.</summary>
internal static class PlexLibraryEndpoints
{
    private const int FlushEvery = 200;

    public static void Map(IEndpointRouteBuilder app, PlexServer server)
    {
        app.MapMethods("/library/sections/{id}/all", [HttpMethods.Get, HttpMethods.Head], ctx => SectionAll(ctx, server));
        app.MapMethods("/library/metadata/{ratingKey}", [HttpMethods.Get, HttpMethods.Head], ctx => Metadata(ctx, server));
    }

    private static async Task SectionAll(HttpContext ctx, PlexServer server)
    {
        var request = ctx.Request;
        if (PlexCatalog.Section(request.RouteValues["id"] as string) is not { } section)
        {
            await PlexHttp.Html(ctx, StatusCodes.Status404NotFound, PlexHttp.NotFound);
            return;
        }

        var sort = request.Query["sort"].FirstOrDefault();
        IReadOnlyList<PlexItem> items;
        try
        {
            items = PlexFilters.Apply(Listing(server.Catalog, section, request.Query["type"].FirstOrDefault(), sort), request.Query, server, ctx.User());
        }
        catch (FormatException)
        {
            await PlexHttp.Html(ctx, StatusCodes.Status400BadRequest, PlexHttp.BadRequest);
            return;
        }

        var descending = sort?.EndsWith(":desc", StringComparison.Ordinal) == true;
        var total = items.Count;
        var start = Math.Clamp(request.IntValue("X-Plex-Container-Start") ?? 0, 0, total);
        var size = Math.Min(request.IntValue("X-Plex-Container-Size") is { } s and >= 0 ? s : int.MaxValue, total - start);
        ctx.Response.Headers["X-Plex-Container-Start"] = start.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-Plex-Container-Total-Size"] = total.ToString(CultureInfo.InvariantCulture);
        var json = request.WantsJson();
        if (HttpMethods.IsHead(request.Method))
        {
            ctx.Response.ContentType = json ? "application/json" : "text/xml;charset=utf-8";
            return;
        }

        var options = new PlexWriteOptions(ctx.User(), request.Query["includeGuids"] == "1", Single: false);
        // Same attribute order as the WatchState page captures: the item list first, then attributes sorted.
        await using var w = PlexBodyWriter.For(ctx, json);
        if (size > 0)
        {
            w.BeginList("Metadata");
            for (var i = 0; i < size; i++)
            {
                PlexMetadataWriter.Write(w, server, items[descending ? total - 1 - start - i : start + i], options);
                if (i % FlushEvery == FlushEvery - 1)
                {
                    await w.FlushAsync(ctx.RequestAborted);
                }
            }

            w.EndList();
        }

        w.Attr("allowSync", true);
        w.Attr("art", $"/:/resources/{section.Type}-fanart.jpg");
        w.Attr("identifier", "com.plexapp.plugins.library");
        w.Attr("librarySectionID", section.Id);
        w.Attr("librarySectionTitle", section.Title);
        w.Attr("librarySectionUUID", section.Uuid);
        w.Attr("mediaTagPrefix", "/system/bundle/media/flags/");
        w.Attr("mediaTagVersion", 1_700_000_000L);
        if (section.Type == "show")
        {
            w.Attr("nocache", true);
        }

        w.Attr("offset", start);
        w.Attr("size", Math.Max(size, 0));
        w.Attr("thumb", $"/:/resources/{section.Type}.png");
        w.Attr("title1", section.Title);
        w.Attr("title2", "All " + section.Title);
        w.Attr("totalSize", total);
        w.Attr("viewGroup", section.Type);
        w.Attr("viewMode", 65592);
    }

    /// <summary>One item, or several by comma-separated rating keys; unknown keys are left out, none found is a 404.</summary>
    private static async Task Metadata(HttpContext ctx, PlexServer server)
    {
        var keys = (ctx.Request.RouteValues["ratingKey"] as string ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var items = keys.Select(server.Catalog.Find).OfType<PlexItem>().Distinct().ToList();
        if (items.Count == 0)
        {
            await PlexHttp.Html(ctx, StatusCodes.Status404NotFound, PlexHttp.NotFound);
            return;
        }

        var options = new PlexWriteOptions(ctx.User(), ctx.Request.Query["includeGuids"] == "1", Single: true);
        await using var w = PlexBodyWriter.For(ctx, ctx.Request.WantsJson());
        w.Attr("size", items.Count);
        w.Attr("allowSync", true);
        w.Attr("identifier", "com.plexapp.plugins.library");
        if (items.All(i => i.SectionId == items[0].SectionId))
        {
            var section = PlexCatalog.Sections[items[0].SectionId - 1];
            w.Attr("librarySectionID", section.Id);
            w.Attr("librarySectionTitle", section.Title);
            w.Attr("librarySectionUUID", section.Uuid);
        }

        w.Attr("mediaTagPrefix", "/system/bundle/media/flags/");
        w.Attr("mediaTagVersion", 1_700_000_000L);
        w.BeginList("Metadata");
        foreach (var item in items)
        {
            PlexMetadataWriter.Write(w, server, item, options);
        }

        w.EndList();
    }

    /// <summary>The rows a section lists for a <c>type=</c> (1 movie, 2 show, 3 season, 4 episode) in the asked order.</summary>
    private static IReadOnlyList<PlexItem> Listing(PlexCatalog catalog, PlexSection section, string? type, string? sort)
    {
        var byAdded = sort is not null && sort.Split(':')[0] is "addedAt" or "episode.addedAt";
        return (section.Id, type) switch
        {
            (PlexCatalog.MovieSection, null or "1") => byAdded ? catalog.MoviesByAdded : catalog.Movies,
            (PlexCatalog.ShowSection, null or "2") => byAdded ? catalog.ShowsByAdded : catalog.Shows,
            (PlexCatalog.ShowSection, "3") => catalog.Seasons,
            (PlexCatalog.ShowSection, "4") => byAdded ? catalog.EpisodesByAdded : catalog.Episodes,
            _ => [],
        };
    }
}
