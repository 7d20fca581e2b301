using System.Globalization;
using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>Mark played/unplayed and user-data reads and writes, legacy and new routes.</summary>
internal static class PlayStateEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimServer s)
    {
        app.MapPost("/Users/{userId}/PlayedItems/{itemId}", ctx => Played(ctx, s, ctx.Route("userId"), played: true));
        app.MapDelete("/Users/{userId}/PlayedItems/{itemId}", ctx => Played(ctx, s, ctx.Route("userId"), played: false));
        app.MapPost("/UserPlayedItems/{itemId}", ctx => Played(ctx, s, QueryUser(ctx), played: true));
        app.MapDelete("/UserPlayedItems/{itemId}", ctx => Played(ctx, s, QueryUser(ctx), played: false));
        app.MapGet("/Users/{userId}/Items/{itemId}/UserData", ctx => GetUserData(ctx, s, ctx.Route("userId")));
        app.MapGet("/UserItems/{itemId}/UserData", ctx => GetUserData(ctx, s, QueryUser(ctx)));
        app.MapPost("/Users/{userId}/Items/{itemId}/UserData", ctx => PostUserData(ctx, s, ctx.Route("userId")));
        app.MapPost("/UserItems/{itemId}/UserData", ctx => PostUserData(ctx, s, QueryUser(ctx)));
        app.MapPost("/Users/{userId}/PlayingItems/{itemId}/Progress", ctx => LegacyProgress(ctx, s));
    }

    private static string? QueryUser(HttpContext ctx) => ctx.Request.Query["userId"].FirstOrDefault();

    private static async Task<(SimUser User, ServerItem Item)?> Target(HttpContext ctx, SimServer s, string? userId)
    {
        var (ok, user) = await Http.ResolveUser(ctx, s, userId, required: true);
        if (!ok)
        {
            return null;
        }

        var item = s.Catalog.Find(ctx.Route("itemId") ?? string.Empty);
        if (item is null)
        {
            await Http.Status(ctx, StatusCodes.Status404NotFound);
            return null;
        }

        return (user!, item);
    }

    private static async Task Played(HttpContext ctx, SimServer s, string? userId, bool played)
    {
        if (await Target(ctx, s, userId) is not var (user, item))
        {
            return;
        }

        if (played)
        {
            var raw = ctx.Request.Query["DatePlayed"].FirstOrDefault();
            DateTime? date = null;
            if (!string.IsNullOrEmpty(raw))
            {
                date = ParseDatePlayed(raw, s.IsEmby);
                if (date is null)
                {
                    await Http.Status(ctx, StatusCodes.Status400BadRequest);
                    return;
                }
            }

            s.MarkPlayed(user.Id, item, date);
        }
        else
        {
            s.MarkUnplayed(user.Id, item);
        }

        await WriteUserData(ctx, s, user, item);
    }

    private static async Task GetUserData(HttpContext ctx, SimServer s, string? userId)
    {
        if (await Target(ctx, s, userId) is var (user, item))
        {
            await WriteUserData(ctx, s, user, item);
        }
    }

    private static async Task PostUserData(HttpContext ctx, SimServer s, string? userId)
    {
        if (await Target(ctx, s, userId) is not var (user, item))
        {
            return;
        }

        var update = await UserDataBody.ReadAsync(ctx.Request, ctx.RequestAborted);
        if (update is null)
        {
            await Http.Status(ctx, StatusCodes.Status400BadRequest);
            return;
        }

        s.UserData.Update(user.Id, item.Id, state => PlayStateRules.Apply(state, update));
        await WriteUserData(ctx, s, user, item);
    }

    /// <summary>Emby's old playback report, used to clear a resume point: only the position changes.</summary>
    private static async Task LegacyProgress(HttpContext ctx, SimServer s)
    {
        if (await Target(ctx, s, ctx.Route("userId")) is not var (user, item))
        {
            return;
        }

        // Emby's spec marks MediaSourceId required on this report.
        if (string.IsNullOrEmpty(ctx.Request.Query["MediaSourceId"].FirstOrDefault()))
        {
            await Http.Status(ctx, StatusCodes.Status400BadRequest);
            return;
        }

        var raw = ctx.Request.Query["PositionTicks"].FirstOrDefault();
        if (!long.TryParse(raw ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
        {
            await Http.Status(ctx, StatusCodes.Status400BadRequest);
            return;
        }

        var now = s.Now;
        s.UserData.Update(user.Id, item.Id, state => state with { PositionTicks = ticks, LastPlayedDate = now });
        await Http.Status(ctx, StatusCodes.Status204NoContent);
    }

    private static Task WriteUserData(HttpContext ctx, SimServer s, SimUser user, ServerItem item)
    {
        var catalog = s.Catalog;
        return Http.Json(ctx, w => UserDataWriter.Write(w, s, catalog, item, user.Id));
    }

    /// <summary>
    /// Jellyfin's legacy binder takes ISO-8601 or <c>yyyyMMddHHmmss</c> (UTC); Emby only its documented
    /// <c>yyyyMMddHHmmss</c> ("Format = yyyyMMddHHmmss", 400 otherwise), so an ISO date sent to Emby is refused.
    /// </summary>
    internal static DateTime? ParseDatePlayed(string raw, bool compactOnly = false)
    {
        if (DateTime.TryParseExact(raw, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var compact))
        {
            return compact;
        }

        if (compactOnly)
        {
            return null;
        }

        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
            ? iso.UtcDateTime
            : null;
    }
}

/// <summary>Reads an UpdateUserItemDataDto body: property names in any case, numbers also as strings.</summary>
internal static class UserDataBody
{
    public static async Task<UserDataUpdate?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            bool? played = null, favorite = null;
            int? playCount = null;
            long? position = null;
            DateTime? lastPlayed = null;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                switch (p.Name.ToLowerInvariant())
                {
                    case "played":
                        played = Bool(p.Value);
                        break;
                    case "isfavorite":
                        favorite = Bool(p.Value);
                        break;
                    case "playcount":
                        playCount = (int?)Number(p.Value);
                        break;
                    case "playbackpositionticks":
                        position = Number(p.Value);
                        break;
                    case "lastplayeddate" when p.Value.ValueKind == JsonValueKind.String:
                        lastPlayed = DateTimeOffset.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;
                        break;
                    default:
                        break;
                }
            }

            return new UserDataUpdate(played, playCount, lastPlayed, position, favorite);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return null;
        }
    }

    private static bool? Bool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new FormatException("not a boolean"),
    };

    private static long? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.String => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        JsonValueKind.Null => null,
        _ => throw new FormatException("not a number"),
    };
}
