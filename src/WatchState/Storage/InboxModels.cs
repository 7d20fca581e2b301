namespace WatchState.Storage;

/// <summary>The states of an inbox row (stored as text).</summary>
public static class InboxStatus
{
    public const string Pending = "pending";
    public const string Applied = "applied";
    public const string Ignored = "ignored";
    public const string Failed = "failed";

    public static bool IsKnown(string status) => status is Pending or Applied or Ignored or Failed;
}

/// <summary>One received webhook as the inbox keeps it.</summary>
/// <param name="Body">The raw body; empty in listings, which never read it.</param>
public sealed record InboxEntry(
    long Id,
    DateTimeOffset ReceivedAt,
    string Source,
    string Event,
    string ContentType,
    string? UserAgent,
    byte[] Body,
    string Status,
    string? Reason,
    string? Backends,
    int Attempts,
    DateTimeOffset? DoneAt)
{
    /// <summary>The identities the event was applied to (comma-separated); null until it is applied.</summary>
    public string? Identity { get; init; }
}

/// <summary>What to store for a newly accepted webhook.</summary>
public sealed record NewInboxEntry(DateTimeOffset ReceivedAt, string Source, string Event, string ContentType, string? UserAgent, ReadOnlyMemory<byte> Body);
