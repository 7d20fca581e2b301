using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>A local item with its merged state, as listed by <c>history:list</c>.</summary>
public sealed record ItemRow(
    long Id,
    MediaType Type,
    string Title,
    int? Year,
    string? SeriesTitle,
    int? Season,
    int? Episode,
    bool Watched,
    DateTimeOffset StateAt,
    long ProgressMs,
    DateTimeOffset? ProgressAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>"Breaking Bad S01E02" for an episode, the title for a movie.</summary>
    public string DisplayTitle => Type == MediaType.Episode && SeriesTitle is not null
        ? FormattableString.Invariant($"{SeriesTitle} S{Season ?? 0:00}E{Episode ?? 0:00}")
        : Title;
}

/// <summary>What one backend last reported for an item.</summary>
public sealed record ViewRow(
    string Backend,
    string RemoteId,
    int Part,
    bool Played,
    DateTimeOffset? PlayedAt,
    DateTimeOffset? AddedAt,
    long ProgressMs,
    int PlayCount,
    DateTimeOffset UpdatedAt);

/// <summary>One applied or refused change of an item, with its reason.</summary>
public sealed record HistoryRow(
    long Id,
    string? Backend,
    DateTimeOffset At,
    string Kind,
    string Field,
    bool Applied,
    string? From,
    string? To,
    string Reason);

public sealed record ItemDetails(ItemRow Item, IReadOnlyList<string> Keys, IReadOnlyList<ViewRow> Views, IReadOnlyList<HistoryRow> History);

public sealed record ItemFilter
{
    public string Identity { get; init; } = "main";
    public bool? Watched { get; init; }
    public MediaType? Type { get; init; }
    public string? Title { get; init; }

    /// <summary>Only items this backend has a view of.</summary>
    public string? Backend { get; init; }

    /// <summary>At most this many items, newest change first; 0 for all.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Items to skip first (paging).</summary>
    public long Offset { get; init; }

    public ItemSort Sort { get; init; } = ItemSort.UpdatedDescending;
}

/// <summary>The order of a listing; ties are broken by id.</summary>
public enum ItemSort
{
    UpdatedDescending,
    UpdatedAscending,
    TitleAscending,
    TitleDescending,
    IdAscending,
    IdDescending,
}
