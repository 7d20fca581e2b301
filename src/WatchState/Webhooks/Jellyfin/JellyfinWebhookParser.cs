using System.Text.Json;
using WatchState.Backends;
using WatchState.Domain;

namespace WatchState.Webhooks.Jellyfin;

/// <summary>
/// The Jellyfin Webhook plugin's Generic destination with "Send All Properties": one flat object with
/// <c>Provider_*</c> id keys and ticks for positions. A manual mark played/unplayed is only a
/// <c>UserDataSaved</c> with <c>SaveReason: TogglePlayed</c>; that is the one event allowed to unwatch, so an item a
/// re-scan turned unplayed never unwatches anything.
/// </summary>
internal sealed class JellyfinWebhookParser : IWebhookParser
{
    public const string Name = "jellyfin";
    private const long TicksPerMillisecond = 10_000;

    public string Source => Name;

    public ParsedWebhook Parse(JsonElement root, DateTimeOffset receivedAt)
    {
        var type = JsonFields.String(root, "NotificationType")
            ?? throw new WebhookParseException(
                "Jellyfin webhook without 'NotificationType': in the Webhook plugin, clear the template and turn on 'Send All Properties'");
        var serverId = JsonFields.String(root, "ServerId") ?? throw new WebhookParseException($"Jellyfin '{type}' without 'ServerId'");
        var userId = JsonFields.String(root, "UserId");
        var reason = JsonFields.String(root, "SaveReason");
        var name = type == "UserDataSaved" && reason is not null ? $"{type}/{reason}" : type;
        var result = new ParsedWebhook(Name, name, BackendType.Jellyfin, serverId, userId, []);

        if (type == "ItemAdded")
        {
            return result with { Note = "a new item is unwatched: nothing to apply (import records it)" };
        }

        if (type is not ("PlaybackStart" or "PlaybackProgress" or "PlaybackStop" or "UserDataSaved"))
        {
            return result with { Note = $"event '{type}' carries no play state" };
        }

        if (type == "UserDataSaved" && reason == "UpdateUserRating")
        {
            return result with { Note = "only a rating or favourite changed" };
        }

        var item = Map(root, receivedAt);
        if (item.Items.Count == 0)
        {
            return result with { Note = EventObservations.WhyEmpty(item, JsonFields.String(root, "ItemType")) };
        }

        var played = JsonFields.Bool(root, "Played") ?? false;
        var paused = JsonFields.Bool(root, "IsPaused") ?? false;
        var observations = (type, reason) switch
        {
            ("PlaybackStart", _) => EventObservations.Progress(item, ObservationKind.WebhookPlay),
            ("PlaybackProgress", _) => EventObservations.Progress(item, paused ? ObservationKind.WebhookPause : ObservationKind.WebhookPlay),
            ("PlaybackStop", _) => EventObservations.Stop(item, JsonFields.Bool(root, "PlayedToCompletion") ?? false),
            (_, "TogglePlayed") => EventObservations.Mark(item, played, JsonFields.Date(root, "LastPlayedDate")),
            (_, "PlaybackFinished") => EventObservations.Stop(item, played),
            (_, "PlaybackStart" or "PlaybackProgress") => EventObservations.Progress(item, ObservationKind.WebhookPlay),

            // Another client (or an export) set the user data: a play with its date counts, an unplay proves nothing.
            (_, "UpdateUserData") when played => [.. item.Items.Select(o => o with { Kind = ObservationKind.WebhookScrobble })],
            _ => EventObservations.Progress(item, ObservationKind.WebhookPause),
        };
        return result with { Observations = observations };
    }

    private static ItemPage Map(JsonElement root, DateTimeOffset receivedAt)
    {
        var itemType = JsonFields.String(root, "ItemType");
        MediaType? type = itemType switch
        {
            "Movie" => MediaType.Movie,
            "Episode" => MediaType.Episode,
            _ => null,
        };
        if (type is null)
        {
            return new ItemPage([], [], 1);
        }

        var id = JsonFields.String(root, "ItemId");
        var title = JsonFields.String(root, "Name");
        if (id is null || title is null)
        {
            return new ItemPage([], [new SkippedItem(id ?? "", title ?? "", id is null ? "no ItemId" : "no Name")], 1);
        }

        var episode = type == MediaType.Episode;
        var played = JsonFields.Bool(root, "Played") ?? false;
        var observation = new Observation
        {
            Backend = "",
            RemoteId = id,
            Type = type.Value,
            Title = title,
            Year = JsonFields.Int(root, "Year") is > 0 and var year ? year : null,
            SeriesTitle = episode ? JsonFields.String(root, "SeriesName") : null,
            Season = episode ? JsonFields.Int(root, "SeasonNumber") : null,
            Episode = episode ? JsonFields.Int(root, "EpisodeNumber") : null,
            ShowRemoteId = episode ? JsonFields.String(root, "SeriesId") : null,
            Ids = ExternalIds.FromProviderIds(root.EnumerateObject()
                .Where(p => p.Name.StartsWith("Provider_", StringComparison.OrdinalIgnoreCase))
                .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null))),
            Played = played,
            PlayedAt = played ? JsonFields.Date(root, "LastPlayedDate") : null,
            ProgressMs = Math.Max(0, (JsonFields.Long(root, "PlaybackPositionTicks") ?? 0) / TicksPerMillisecond),
            PlayCount = Math.Max(0, JsonFields.Int(root, "PlayCount") ?? 0),
            DurationMs = JsonFields.Long(root, "RunTimeTicks") is > 0 and var ticks ? ticks / TicksPerMillisecond : null,
            Kind = ObservationKind.WebhookPlay,
            ReceivedAt = receivedAt,
        };
        return new ItemPage([observation], [], 1);
    }
}
