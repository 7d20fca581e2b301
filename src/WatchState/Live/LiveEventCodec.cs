using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Backends;
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
        return JsonSerializer.SerializeToUtf8Bytes(parsed, LiveJsonContext.Default.ParsedWebhook);
    }

    /// <exception cref="WebhookParseException">The stored body is not a live event.</exception>
    public static ParsedWebhook Decode(ReadOnlySpan<byte> body)
    {
        ParsedWebhook? stored;
        try
        {
            stored = JsonSerializer.Deserialize(body, LiveJsonContext.Default.ParsedWebhook);
        }
        catch (JsonException e)
        {
            throw new WebhookParseException($"stored live event is not readable: {e.Message}", e);
        }

        return stored ?? throw new WebhookParseException("stored live event is empty");
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ParsedWebhook))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
