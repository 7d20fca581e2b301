using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Backends;

namespace WatchState.Storage;

/// <summary>The parts of a <see cref="RemoteWrite"/> besides its id and kind, stored as JSON in <c>outbox.payload</c>.</summary>
internal sealed record OutboxPayload(long? PlayedAt, long PositionMs, long? DurationMs)
{
    public static string Of(RemoteWrite write) => JsonSerializer.Serialize(
        new OutboxPayload(write.PlayedAt?.ToUnixTimeMilliseconds(), write.PositionMs, write.DurationMs),
        OutboxJsonContext.Default.OutboxPayload);

    public static RemoteWrite Read(string remoteId, RemoteWriteKind kind, string json)
    {
        var payload = JsonSerializer.Deserialize(json, OutboxJsonContext.Default.OutboxPayload)
            ?? throw new InvalidDataException("empty outbox payload");
        return new RemoteWrite(
            remoteId,
            kind,
            payload.PlayedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
            payload.PositionMs,
            payload.DurationMs);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OutboxPayload))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
