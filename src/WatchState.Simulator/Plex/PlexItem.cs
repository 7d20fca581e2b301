namespace WatchState.Simulator.Plex;

internal enum PlexKind
{
    Movie,
    Show,
    Season,
    Episode,
}

/// <summary>One library row as PMS stores it; immutable, shared by every user.</summary>
internal sealed record PlexItem
{
    public required int RatingKey { get; init; }

    public required PlexKind Kind { get; init; }

    public required int SectionId { get; init; }

    public required string Title { get; init; }

    public string? OriginalTitle { get; init; }

    public int? Year { get; init; }

    /// <summary>The single <c>guid</c> attribute: plex:// for new agents, com.plexapp.agents.* for legacy ones.</summary>
    public required string Guid { get; init; }

    /// <summary>The <c>Guid[]</c> ids ("imdb://tt…"); empty for legacy agents.</summary>
    public IReadOnlyList<string> Guids { get; init; } = [];

    public required long AddedAt { get; init; }

    public string? OriginallyAvailableAt { get; init; }

    public long DurationMs { get; init; }

    public string? File { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<string> Genres { get; init; } = [];

    /// <summary>Season number (episodes) or season index (seasons).</summary>
    public int ParentIndex { get; init; }

    /// <summary>Episode number (the first one of a multi-episode file) or season number.</summary>
    public int Index { get; init; }

    /// <summary>The show for seasons and episodes; the season for episodes is <see cref="Parent"/>.</summary>
    public PlexItem? Show { get; init; }

    public PlexItem? Parent { get; init; }

    public bool IsVideo => Kind is PlexKind.Movie or PlexKind.Episode;
}

/// <summary>One user's play state of one item; null means the attribute is absent.</summary>
internal readonly record struct PlexPlayState(int ViewCount, long? LastViewedAt, long? ViewOffset)
{
    public bool IsEmpty => ViewCount == 0 && LastViewedAt is null && ViewOffset is null;
}
