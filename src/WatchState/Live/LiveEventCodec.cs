using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Backends;
using WatchState.Domain;
using WatchState.Webhooks;

namespace WatchState.Live;

/// <summary>
/// Live events go through the webhook inbox (stored first, applied once, listed by <c>events:list</c>); this is
/// their stored form: the already parsed event as JSON, under its own content type.
/// </summary>
public static class LiveEventCodec
{
    public const string ContentType = "application/vnd.watchstate.live+json";
    public const string UserAgent = "watchstate-live";

    /// <summary>The inbox source of a backend kind's live events, e.g. <c>plex.live</c>.</summary>
    public static string SourceOf(BackendType type) => type.ToString().ToLowerInvariant() + ".live";

    public static bool IsLive(string? contentType) =>
        contentType is not null && contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase);

    public static byte[] Encode(ParsedWebhook parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var stored = new StoredLiveEvent(parsed.Source, parsed.Event, parsed.ServerType, parsed.ServerId, parsed.UserId, parsed.Observations, parsed.Note);
        return JsonSerializer.SerializeToUtf8Bytes(stored, LiveJsonContext.Default.StoredLiveEvent);
    }

    /// <exception cref="WebhookParseException">The stored body is not a live event.</exception>
    public static ParsedWebhook Decode(ReadOnlySpan<byte> body)
    {
        StoredLiveEvent? stored;
        try
        {
            stored = JsonSerializer.Deserialize(body, LiveJsonContext.Default.StoredLiveEvent);
        }
        catch (JsonException e)
        {
            throw new WebhookParseException($"stored live event is not readable: {e.Message}", e);
        }

        if (stored is null)
        {
            throw new WebhookParseException("stored live event is empty");
        }

        return new ParsedWebhook(stored.Source, stored.Event, stored.ServerType, stored.ServerId, stored.UserId, stored.Observations, stored.Note);
    }
}

internal sealed record StoredLiveEvent(
    string Source,
    string Event,
    BackendType ServerType,
    string? ServerId,
    string? UserId,
    IReadOnlyList<Observation> Observations,
    string? Note);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredLiveEvent))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
