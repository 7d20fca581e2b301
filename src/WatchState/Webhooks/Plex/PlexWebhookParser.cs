using System.Text.Json;
using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Domain;

namespace WatchState.Webhooks.Plex;

/// <summary>
/// Plex Media Server webhooks (Plex Pass): the JSON of the multipart <c>payload</c> field. The owner's hook fires
/// for every user of the server; <c>Account.id</c> says who acted (the owner is 1). Plex sends nothing for a
/// manual mark played/unplayed, and positions only on play/pause/resume/stop: import and live events cover those.
/// </summary>
internal sealed class PlexWebhookParser : IWebhookParser
{
    public const string Name = "plex";

    public string Source => Name;

    public ParsedWebhook Parse(JsonElement root, DateTimeOffset receivedAt)
    {
        var name = JsonFields.String(root, "event") ?? throw new WebhookParseException("Plex webhook without 'event'");
        var serverId = JsonFields.Object(root, "Server") is { } server ? JsonFields.String(server, "uuid") : null;
        var userId = JsonFields.Object(root, "Account") is { } account ? JsonFields.String(account, "id") : null;
        if (serverId is null)
        {
            throw new WebhookParseException("Plex webhook without 'Server.uuid'");
        }

        var result = new ParsedWebhook(Name, name, BackendType.Plex, serverId, userId, []);
        if (name is "library.new")
        {
            return result with { Note = "a new item is unwatched: nothing to apply (import records it)" };
        }

        if (name is not ("media.play" or "media.resume" or "media.pause" or "media.stop" or "media.scrobble"))
        {
            return result with { Note = $"event '{name}' carries no play state" };
        }

        var metadata = JsonFields.Object(root, "Metadata") ?? throw new WebhookParseException($"Plex '{name}' without 'Metadata'");
        PlexMetadataDto dto;
        try
        {
            dto = metadata.Deserialize(PlexJsonContext.Default.PlexMetadataDto)!;
        }
        catch (JsonException e)
        {
            throw new WebhookParseException($"Plex 'Metadata' is not readable: {e.Message}", e);
        }

        var page = new PlexMapper("", EventObservations.MaxEpisodeRange).MapPage([dto], 1, new Dictionary<string, IReadOnlyList<ExternalId>>(), receivedAt);
        if (page.Items.Count == 0)
        {
            return result with { Note = EventObservations.WhyEmpty(page, dto.Type) };
        }

        var observations = name switch
        {
            "media.play" or "media.resume" => EventObservations.Progress(page, ObservationKind.WebhookPlay),
            "media.pause" => EventObservations.Progress(page, ObservationKind.WebhookPause),
            "media.stop" => EventObservations.Stop(page, completed: false),
            _ => EventObservations.Scrobble(page),
        };
        return result with { Observations = observations };
    }
}
