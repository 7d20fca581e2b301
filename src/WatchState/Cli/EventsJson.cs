using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary>One received webhook as <c>events:list -o json</c> prints it (no body).</summary>
internal sealed record EventJson(
    long Id, DateTimeOffset ReceivedAt, string Source, string Event, string Status, string? Reason, string? Backends, int Attempts, DateTimeOffset? DoneAt, string? Identity)
{
    public static EventJson From(InboxEntry e) =>
        new(e.Id, e.ReceivedAt, e.Source, e.Event, e.Status, e.Reason, e.Backends, e.Attempts, e.DoneAt, e.Identity);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<EventJson>))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
