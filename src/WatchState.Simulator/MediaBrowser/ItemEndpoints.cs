using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>Libraries, item listings and single items, on both the legacy and the new routes.</summary>
internal static class ItemEndpoints
{
    // Flush the response pipe every so many items so a 1,000-item page streams instead of piling up.
    private const int FlushEvery = 64;

    public static void Map(IEndpointRouteBuilder app, SimServer s)
    {
        app.MapGet("/Users/{userId}/Views", ctx => Views(ctx, s, ctx.Route("userId")));
        app.MapGet("/UserViews", ctx => Views(ctx, s, ctx.Request.Query["userId"].FirstOrDefault()));
        app.MapGet("/Users/{userId}/Items", ctx => Items(ctx, s, ctx.Route("userId")));
        app.MapGet("/Items", ctx => Items(ctx, s, ctx.Request.Query["userId"].FirstOrDefault()));
        app.MapGet("/Users/{userId}/Items/Resume", ctx => Resume(ctx, s, ctx.Route("userId")));
        app.MapGet("/UserItems/Resume", ctx => Resume(ctx, s, ctx.Request.Query["userId"].FirstOrDefault()));
        app.MapGet("/Users/{userId}/Items/{itemId}", ctx => Item(ctx, s, ctx.Route("userId")));
        app.MapGet("/Items/{itemId}", ctx => Item(ctx, s, ctx.Request.Query["userId"].FirstOrDefault()));
    }

    private static async Task Views(HttpContext ctx, SimServer s, string? userId)
    {
        var (ok, user) = await Http.ResolveUser(ctx, s, userId, required: true);
        if (ok)
        {
            var catalog = s.Catalog;
            var context = new ItemWriteContext(s, catalog, user, ItemFields.All, enableUserData: true);
            await WritePage(ctx, s, context, new ItemPage(catalog.Views, catalog.Views.Count), 0);
        }
    }

    private static async Task Items(HttpContext ctx, SimServer s, string? userId)
    {
        var (ok, user) = await Http.ResolveUser(ctx, s, userId, required: false);
        if (!ok)
        {
            return;
        }

        var query = ItemQuery.TryParse(ctx.Request.Query);
        if (query is null)
        {
            await Http.Status(ctx, StatusCodes.Status400BadRequest);
            return;
        }

        var catalog = s.Catalog;
        var page = ItemQueryRunner.Run(query, s, catalog, user);
        if (page is null)
        {
            await Http.Status(ctx, StatusCodes.Status404NotFound);
            return;
        }

        var context = new ItemWriteContext(s, catalog, user, query.Fields, query.EnableUserData);
        await WritePage(ctx, s, context, page, query.StartIndex);
    }

    /// <summary>Partly watched movies and episodes, most recently played first.</summary>
    private static async Task Resume(HttpContext ctx, SimServer s, string? userId)
    {
        var (ok, user) = await Http.ResolveUser(ctx, s, userId, required: true);
        var query = ok ? ItemQuery.TryParse(ctx.Request.Query) : null;
        if (!ok || query is null)
        {
            if (ok)
            {
                await Http.Status(ctx, StatusCodes.Status400BadRequest);
            }

            return;
        }

        var catalog = s.Catalog;
        var resumable = catalog.All.BySortName
            .Where(i => i.IsVideo)
            .Select(i => (Item: i, State: s.UserData.Get(user!.Id, i.Id)))
            .Where(p => p.State.PositionTicks > 0 && !p.State.Played)
            .OrderByDescending(p => p.State.LastPlayedDate ?? DateTime.MinValue)
            .Select(p => p.Item)
            .ToList();
        var window = resumable.Skip(query.StartIndex).Take(query.Limit ?? int.MaxValue).ToList();
        var context = new ItemWriteContext(s, catalog, user, query.Fields, query.EnableUserData);
        await WritePage(ctx, s, context, new ItemPage(window, resumable.Count), query.StartIndex);
    }

    private static async Task Item(HttpContext ctx, SimServer s, string? userId)
    {
        var (ok, user) = await Http.ResolveUser(ctx, s, userId, required: false);
        if (!ok)
        {
            return;
        }

        var catalog = s.Catalog;
        var item = catalog.Find(ctx.Route("itemId") ?? string.Empty);
        if (item is null)
        {
            await Http.Status(ctx, StatusCodes.Status404NotFound);
            return;
        }

        var context = new ItemWriteContext(s, catalog, user, ItemFields.All, enableUserData: true);
        await Http.Json(ctx, w => context.WriteItem(w, item));
    }

    private static async Task WritePage(HttpContext ctx, SimServer s, ItemWriteContext context, ItemPage page, int startIndex)
    {
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = JsonBits.ContentType;
        var pipe = ctx.Response.BodyWriter;
        await using var w = new Utf8JsonWriter(pipe);
        w.WriteStartObject();
        w.WriteStartArray("Items"u8);
        for (var i = 0; i < page.Items.Count; i++)
        {
            context.WriteItem(w, page.Items[i]);
            if (i % FlushEvery == FlushEvery - 1)
            {
                w.Flush();
                await pipe.FlushAsync(ctx.RequestAborted);
            }
        }

        w.WriteEndArray();
        w.WriteNumber("TotalRecordCount"u8, page.Total);
        if (!s.IsEmby)
        {
            w.WriteNumber("StartIndex"u8, startIndex);
        }

        w.WriteEndObject();
        w.Flush();
        await pipe.FlushAsync(ctx.RequestAborted);
    }
}
