using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Restore;

namespace WatchState.Cli;

internal sealed record RestoreCountsJson(int Entries, int MarkPlayed, int MarkUnplayed, int Progress, int Unchanged, int Unmatched);

internal sealed record RestoreChangeJson(int Entry, string Title, string RemoteId, string MatchedBy, string From, string Change)
{
    public static RestoreChangeJson Of(RestoreChange c) => new(c.Entry, c.Title, c.RemoteId, c.MatchedBy, c.From, c.Change);
}

internal sealed record RestoreUnmatchedJson(int Entry, string Title, string Reason);

internal sealed record RestoreJson(
    string File,
    string Identity,
    string Backend,
    bool DryRun,
    int Listed,
    RestoreCountsJson Counts,
    IReadOnlyList<RestoreChangeJson> Changes,
    IReadOnlyList<RestoreUnmatchedJson> Unmatched,
    IReadOnlyList<DrainJson> Results,
    int Restored,
    int LocalChanged,
    IReadOnlyList<RestoreChangeJson> NotLocal,
    IReadOnlyList<OutboxJson> Failed)
{
    public static RestoreJson From(RestorePlan plan, bool execute, RestoreOutcome? outcome)
    {
        var c = plan.Counts;
        return new RestoreJson(
            plan.File,
            plan.Identity,
            plan.Backend,
            !execute,
            plan.Listed,
            new RestoreCountsJson(c.Entries, c.MarkPlayed, c.MarkUnplayed, c.Progress, c.Unchanged, c.Unmatched),
            [.. plan.Changes.Select(RestoreChangeJson.Of)],
            [.. plan.Unmatched.Select(u => new RestoreUnmatchedJson(u.Entry, u.Title, u.Reason))],
            [.. (outcome?.Drains ?? []).Select(r => new DrainJson(r.Backend, r.Done, r.Pending, r.Failed, r.Dropped, r.Error))],
            outcome?.Restored ?? 0,
            outcome?.LocalChanged ?? 0,
            [.. (outcome?.NotLocal ?? []).Select(RestoreChangeJson.Of)],
            [.. (outcome?.Failed ?? []).Select(OutboxJson.From)]);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RestoreJson))]
internal sealed partial class RestoreJsonContext : JsonSerializerContext;
