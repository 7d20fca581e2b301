namespace WatchState.Domain;

/// <summary>What one backend said about one item at one moment. Every input becomes one of these.</summary>
public sealed record Observation
{
    public required string Backend { get; init; }

    /// <summary>The item's id on that backend.</summary>
    public required string RemoteId { get; init; }

    /// <summary>0 for an ordinary item; for the extra episodes of a multi-episode file, the episode number.</summary>
    public int Part { get; init; }

    public required MediaType Type { get; init; }
    public required string Title { get; init; }
    public int? Year { get; init; }
    public string? SeriesTitle { get; init; }
    public int? Season { get; init; }
    public int? Episode { get; init; }

    /// <summary>The item's own external ids.</summary>
    public IReadOnlyList<ExternalId> Ids { get; init; } = [];

    /// <summary>For episodes, the ids of the show they belong to.</summary>
    public IReadOnlyList<ExternalId> ShowIds { get; init; } = [];

    /// <summary>For episodes, the show's id on the same backend when it says (ignore rules for a show cover its episodes).</summary>
    public string? ShowRemoteId { get; init; }

    public bool Played { get; init; }

    /// <summary>When the backend says it was last played; null when it gave no date.</summary>
    public DateTimeOffset? PlayedAt { get; init; }

    /// <summary>When the item was added to the backend (changes when a file is re-scanned or replaced).</summary>
    public DateTimeOffset? AddedAt { get; init; }

    /// <summary>Resume position in milliseconds; 0 when none.</summary>
    public long ProgressMs { get; init; }

    public int PlayCount { get; init; }

    /// <summary>The item's runtime in milliseconds when the backend reports it (Plex's progress write needs it).</summary>
    public long? DurationMs { get; init; }

    public ObservationKind Kind { get; init; } = ObservationKind.Import;

    /// <summary>True for a deliberate user action (mark played/unplayed); false for a listing.</summary>
    public bool Explicit { get; init; }

    /// <summary>When we received it, by our clock.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}
