namespace WatchState.Api;

/// <summary><c>?page=1&amp;perPage=50</c>, as every list endpoint takes it.</summary>
/// <param name="Page">1-based page number; default 1.</param>
/// <param name="PerPage">Items per page, 1 to <see cref="MaxPerPage"/>; default <see cref="DefaultPerPage"/>.</param>
public readonly record struct PageQuery(int? Page, int? PerPage)
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 500;

    /// <returns>A ProblemDetails detail when a value is out of range; null when the query can be used.</returns>
    public string? Error => (Page, PerPage) switch
    {
        ( < 1, _) => $"page must be 1 or more, not {Page}",
        (_, < 1 or > MaxPerPage) => $"perPage must be between 1 and {MaxPerPage}, not {PerPage}",
        _ => null,
    };

    public int Number => Page ?? 1;

    public int Size => PerPage ?? DefaultPerPage;

    /// <summary>Rows to skip; long so a huge page number cannot overflow.</summary>
    public long Offset => (long)(Number - 1) * Size;

    public Paged<T> Of<T>(IReadOnlyList<T> items, long total) => new(items, Number, Size, total);
}

/// <summary>One page of a list: <c>{ "items": [...], "page": 1, "perPage": 50, "total": N }</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PerPage, long Total);
