using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Export;
using WatchState.Storage;

namespace WatchState.Cli;

internal sealed record PlannedWriteJson(long ItemId, string Title, string Backend, string RemoteId, string Change, string Reason)
{
    public static PlannedWriteJson From(PlannedWrite w) => new(w.ItemId, w.Title, w.Backend, w.Write.RemoteId, w.Change, w.Reason);
}

internal sealed record DrainJson(string Backend, int Written, int Pending, int Failed, int Dropped, string? Error);

internal sealed record ExportJson(
    bool DryRun, int Items, IReadOnlyList<PlannedWriteJson> Plan, IReadOnlyDictionary<string, int> Missing, IReadOnlyList<DrainJson> Results,
    IReadOnlyList<OutboxJson> Failed)
{
    /// <summary>Per backend, the items config/ignore.yaml item rules kept out of the plan.</summary>
    public IReadOnlyDictionary<string, int> Ignored { get; init; } = new Dictionary<string, int>();
}

internal sealed record OutboxJson(
    long Id, string Backend, long ItemId, string Title, string RemoteId, string Change, string Status, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastError, string Reason)
{
    public static OutboxJson From(OutboxEntry e) => new(
        e.Id, e.Backend, e.ItemId, e.Title, e.Write.RemoteId, WriteText.Describe(e.Write), e.Status.ToString().ToLowerInvariant(), e.Attempts,
        e.NextAttemptAt, e.LastError, e.Reason);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ExportJson))]
[JsonSerializable(typeof(IReadOnlyList<OutboxJson>))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
