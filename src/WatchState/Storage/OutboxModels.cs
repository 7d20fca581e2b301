using WatchState.Backends;

namespace WatchState.Storage;

/// <summary>Where a queued write stands.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (or to be tried again after a temporary failure).</summary>
    Pending,

    /// <summary>Written, and the backend's view updated.</summary>
    Done,

    /// <summary>Refused for good (e.g. 404, 400) or out of attempts; the reason is kept.</summary>
    Failed,

    /// <summary>Not sent: the remote item changed since planning (its change was reconciled instead) or is gone.</summary>
    Dropped,
}

/// <summary>One row of the outbox.</summary>
public sealed record OutboxEntry(
    long Id,
    string Backend,
    long ItemId,
    string Title,
    RemoteWrite Write,
    string Reason,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    OutboxStatus Status,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>What happened to one entry in a drain.</summary>
/// <param name="Attempted">True when a request was made (counts as an attempt).</param>
public sealed record OutboxOutcome(OutboxEntry Entry, OutboxStatus Status, bool Attempted, string? Error, DateTimeOffset NextAttemptAt);

internal static class OutboxStatusNames
{
    public static string Of(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "pending",
        OutboxStatus.Done => "done",
        OutboxStatus.Failed => "failed",
        OutboxStatus.Dropped => "dropped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static OutboxStatus Parse(string name) => name switch
    {
        "pending" => OutboxStatus.Pending,
        "done" => OutboxStatus.Done,
        "failed" => OutboxStatus.Failed,
        "dropped" => OutboxStatus.Dropped,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown outbox status"),
    };
}
