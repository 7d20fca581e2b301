using System.Text.Json;
using WatchState.Backends;
using WatchState.Backends.MediaBrowser;
using WatchState.Domain;

namespace WatchState.Webhooks.Emby;

/// <summary>
/// Emby webhooks (Emby Premiere): JSON, or the same JSON in the multipart field <c>data</c>. The item is a full
/// <c>BaseItemDto</c>; positions come in <c>PlaybackInfo</c>. Only <c>item.markunplayed</c> may unwatch: an item
/// a re-scan turned unplayed arrives as nothing of that kind.
/// </summary>
internal sealed class EmbyWebhookParser : IWebhookParser
{
    public const string Name = "emby";
    private const long TicksPerMillisecond = 10_000;

    public string Source => Name;

    public ParsedWebhook Parse(JsonElement root, DateTimeOffset receivedAt)
    {
        var name = JsonFields.String(root, "Event") ?? throw new WebhookParseException("Emby webhook without 'Event'");
        var serverId = JsonFields.Object(root, "Server") is { } server ? JsonFields.String(server, "Id") : null;
        var userId = JsonFields.Object(root, "User") is { } user ? JsonFields.String(user, "Id") : null;
        var result = new ParsedWebhook(Name, name, BackendType.Emby, serverId, userId, []);
        if (name == "system.notificationtest")
        {
            return result with { Note = "test notification received: the webhook works" };
        }

        if (serverId is null)
        {
            throw new WebhookParseException($"Emby '{name}' without 'Server.Id'");
        }

        if (name == "library.new")
        {
            return result with { Note = "a new item is unwatched: nothing to apply (import records it)" };
        }

        if (!name.StartsWith("playback.", StringComparison.Ordinal) && name is not ("item.markplayed" or "item.markunplayed"))
        {
            return result with { Note = $"event '{name}' carries no play state" };
        }

        var itemJson = JsonFields.Object(root, "Item") ?? throw new WebhookParseException($"Emby '{name}' without 'Item'");
        ItemDto item;
        try
        {
            item = itemJson.Deserialize(MediaBrowserJsonContext.Default.ItemDto)!;
        }
        catch (JsonException e)
        {
            throw new WebhookParseException($"Emby 'Item' is not readable: {e.Message}", e);
        }

        var page = new MediaBrowserMapper("", EventObservations.MaxEpisodeRange).MapPage([item], 1, new Dictionary<string, IReadOnlyList<ExternalId>>(), receivedAt);
        if (page.Items.Count == 0)
        {
            return result with { Note = EventObservations.WhyEmpty(page, item.Type) };
        }

        var playback = JsonFields.Object(root, "PlaybackInfo");
        if (playback is { } info && JsonFields.Long(info, "PositionTicks") is { } ticks)
        {
            page = page with { Items = [.. page.Items.Select(o => o with { ProgressMs = Math.Max(0, ticks / TicksPerMillisecond) })] };
        }

        var completed = playback is { } p && (JsonFields.Bool(p, "PlayedToCompletion") ?? false);
        var observations = name switch
        {
            "playback.start" or "playback.unpause" => EventObservations.Progress(page, ObservationKind.WebhookPlay),
            "playback.pause" => EventObservations.Progress(page, ObservationKind.WebhookPause),
            "playback.stop" => EventObservations.Stop(page, completed),
            "playback.scrobble" => EventObservations.Scrobble(page),
            "item.markplayed" => EventObservations.Mark(page, played: true, playedAt: null),
            "item.markunplayed" => EventObservations.Mark(page, played: false, playedAt: null),
            _ => null,
        };
        return observations is null ? result with { Note = $"event '{name}' carries no play state" } : result with { Observations = observations };
    }
}
