using System.Text.Json;
using WatchState.Backends;
using WatchState.Domain;

namespace WatchState.Webhooks.Tautulli;

/// <summary>
/// Tautulli's webhook agent with WatchState's JSON template (<c>event: tautulli.{action}</c>, Plex-like
/// <c>Account</c>/<c>Server</c>/<c>Metadata</c>, every value a string, dates in Tautulli's display format). It
/// speaks for a Plex server. Its "unplayed" is not reliable, so nothing from Tautulli ever unwatches: the item
/// is reported unplayed on every event except <c>watched</c>, and the reconciler never unwatches from those kinds.
/// </summary>
internal sealed class TautulliWebhookParser : IWebhookParser
{
    public const string Name = "tautulli";

    public string Source => Name;

    public ParsedWebhook Parse(JsonElement root, DateTimeOffset receivedAt)
    {
        var name = JsonFields.String(root, "event") ?? throw new WebhookParseException("Tautulli webhook without 'event' (use the documented JSON template)");
        var serverId = JsonFields.Object(root, "Server") is { } server ? JsonFields.String(server, "uuid") : null;
        var userId = JsonFields.Object(root, "Account") is { } account ? JsonFields.String(account, "id") : null;
        if (serverId is null)
        {
            throw new WebhookParseException("Tautulli webhook without 'Server.uuid' (use the documented JSON template)");
        }

        var action = name.StartsWith("tautulli.", StringComparison.OrdinalIgnoreCase) ? name["tautulli.".Length..].ToLowerInvariant() : name;
        var result = new ParsedWebhook(Name, name, BackendType.Plex, serverId, userId, []);
        if (action is "created")
        {
            return result with { Note = "a new item is unwatched: nothing to apply (import records it)" };
        }

        if (action is not ("play" or "start" or "resume" or "pause" or "stop" or "watched"))
        {
            return result with { Note = $"event '{name}' carries no play state" };
        }

        var metadata = JsonFields.Object(root, "Metadata") ?? throw new WebhookParseException($"Tautulli '{name}' without 'Metadata'");
        var page = Map(metadata, receivedAt);
        if (page.Items.Count == 0)
        {
            return result with { Note = EventObservations.WhyEmpty(page, JsonFields.String(metadata, "type")) };
        }

        var observations = action switch
        {
            "play" or "start" or "resume" => EventObservations.Progress(page, ObservationKind.WebhookPlay),
            "pause" => EventObservations.Progress(page, ObservationKind.WebhookPause),
            "stop" => EventObservations.Stop(page, completed: false),
            _ => EventObservations.Scrobble(page),
        };
        return result with { Observations = observations };
    }

    private static ItemPage Map(JsonElement m, DateTimeOffset receivedAt)
    {
        var type = JsonFields.String(m, "type") switch
        {
            "movie" => MediaType.Movie,
            "episode" => MediaType.Episode,
            _ => (MediaType?)null,
        };
        var ratingKey = JsonFields.String(m, "ratingKey");
        var title = JsonFields.String(m, "title");
        if (type is null)
        {
            return new ItemPage([], [], 1);
        }

        if (ratingKey is null || title is null)
        {
            return new ItemPage([], [new SkippedItem(ratingKey ?? "", title ?? "", ratingKey is null ? "no ratingKey" : "no title")], 1);
        }

        var episode = type == MediaType.Episode;
        var observation = new Observation
        {
            Backend = "",
            RemoteId = ratingKey,
            Type = type.Value,
            Title = title,
            Year = JsonFields.Int(m, "year") is > 0 and var year ? year : null,
            SeriesTitle = episode ? JsonFields.String(m, "grandparentTitle") : null,
            Season = episode ? JsonFields.Int(m, "parentIndex") : null,
            Episode = episode ? JsonFields.Int(m, "index") : null,
            Ids = IdsOf(m),
            ShowRemoteId = episode ? JsonFields.String(m, "grandparentRatingKey") : null,
            ShowIds = episode ? PlexGuids.ParsePlexEpisodeGuid(JsonFields.String(m, "guid"))?.ShowIds ?? [] : [],
            Played = false,
            AddedAt = JsonFields.Date(m, "addedAt"),
            ProgressMs = Math.Max(0, JsonFields.Long(m, "viewOffset") ?? 0),
            DurationMs = JsonFields.Long(m, "duration") is > 0 and var duration ? duration : null,
            Kind = ObservationKind.WebhookPlay,
            ReceivedAt = receivedAt,
        };
        return new ItemPage([observation], [], 1);
    }

    private static IReadOnlyList<ExternalId> IdsOf(JsonElement m)
    {
        var ids = new List<ExternalId>();
        if (JsonFields.Object(m, "Guids") is { } guids)
        {
            ids.AddRange(ExternalIds.FromProviderIds(guids.EnumerateObject()
                .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.ToString()))));
        }

        ids.AddRange(PlexGuids.FromPlexGuids(JsonFields.String(m, "guid"), null));
        return ExternalIds.Order(ids);
    }

}
