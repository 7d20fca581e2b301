using System.Globalization;
using System.Text.Json;

namespace WatchState.Backends.Plex;

/// <summary>One player's report in a <c>playing</c> notification.</summary>
/// <param name="State">playing, paused, buffering or stopped.</param>
internal sealed record PlexPlaySessionState(string SessionKey, string RatingKey, long ViewOffset, string State);

/// <summary>One <c>TimelineEntry</c> of a <c>timeline</c> notification.</summary>
/// <param name="Type">The metadata type: 1 movie, 4 episode.</param>
/// <param name="State">0 created … 5 processed … 9 deleted.</param>
internal sealed record PlexTimelineEntry(string ItemId, int Type, int State, string? Identifier);

/// <summary>
/// A <c>/:/websockets/notifications</c> frame: <c>{"NotificationContainer":{"type":…,…}}</c>. Read by hand, not
/// by a contract: PMS has written ids both as strings and as numbers over the years, and unknown types abound.
/// </summary>
internal sealed record PlexNotification(string Type, IReadOnlyList<PlexPlaySessionState> Playing, IReadOnlyList<PlexTimelineEntry> Timeline)
{
    public const string PlayingType = "playing";
    public const string TimelineType = "timeline";

    /// <exception cref="JsonException">The frame is not JSON or has no <c>NotificationContainer</c>.</exception>
    public static PlexNotification Parse(ReadOnlyMemory<byte> frame)
    {
        using var document = JsonDocument.Parse(frame);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("NotificationContainer", out var container)
            || container.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("no NotificationContainer");
        }

        var type = Text(container, "type") ?? "";
        var playing = new List<PlexPlaySessionState>();
        foreach (var n in Entries(container, "PlaySessionStateNotification"))
        {
            if (Text(n, "sessionKey") is { } session && Text(n, "ratingKey") is { } key)
            {
                playing.Add(new PlexPlaySessionState(session, key, Number(n, "viewOffset") ?? 0, Text(n, "state") ?? "playing"));
            }
        }

        var timeline = new List<PlexTimelineEntry>();
        foreach (var e in Entries(container, "TimelineEntry"))
        {
            if (Text(e, "itemID") is { } item && Number(e, "type") is { } itemType && Number(e, "state") is { } state)
            {
                timeline.Add(new PlexTimelineEntry(item, (int)itemType, (int)state, Text(e, "identifier")));
            }
        }

        return new PlexNotification(type, playing, timeline);
    }

    private static List<JsonElement> Entries(JsonElement container, string name) =>
        container.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)]
            : [];

    private static string? Text(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null : v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };

    private static long? Number(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null : v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) => n,
            JsonValueKind.Number when v.TryGetDouble(out var d) && double.IsFinite(d) => (long)d,
            JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
}
