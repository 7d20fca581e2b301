// Temporary: replaced by the domain branch's real implementations at merge.
namespace WatchState.Domain;

public sealed record ItemState(bool Watched, DateTimeOffset StateAt, long ProgressMs, DateTimeOffset? ProgressAt);

public sealed record BackendView(bool Played, DateTimeOffset? PlayedAt, DateTimeOffset? AddedAt, long ProgressMs, int PlayCount);

public sealed record ReconcileOptions
{
    public bool ImportEnabled { get; init; } = true;
    public bool ProgressEnabled { get; init; } = true;
    public bool FixPlayedWithoutDate { get; init; }
    public long MinProgressMs { get; init; } = 60_000;
}

public enum ChangeField
{
    Item,
    Watched,
    Progress,
}

public sealed record Change(ChangeField Field, bool Applied, string? From, string? To, string Reason);

public sealed record Decision(ItemState? NewState, IReadOnlyList<Change> Changes)
{
    public bool StateChanged { get; init; }
}

public static class Reconciler
{
    public static Decision Decide(ItemState? local, BackendView? previousView, Observation observation, ReconcileOptions options)
        => throw new NotSupportedException();
}
