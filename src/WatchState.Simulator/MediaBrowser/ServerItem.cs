namespace WatchState.Simulator.MediaBrowser;

internal enum ItemKind
{
    CollectionFolder,
    Movie,
    Series,
    Season,
    Episode,
}

/// <summary>One item as the server stores it. Immutable; a re-scan replaces it.</summary>
internal sealed record ServerItem
{
    public required ItemKind Kind { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string SortName { get; init; }

    public string? OriginalTitle { get; init; }

    /// <summary>UTC.</summary>
    public required DateTime DateCreated { get; init; }

    public DateTime? PremiereDate { get; init; }

    public int? ProductionYear { get; init; }

    public required string Path { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> ProviderIds { get; init; } = [];

    public long RunTimeTicks { get; init; }

    public int? IndexNumber { get; init; }

    public int? IndexNumberEnd { get; init; }

    public int? ParentIndexNumber { get; init; }

    public string? SeriesId { get; init; }

    public string? SeriesName { get; init; }

    public string? SeasonId { get; init; }

    public string? SeasonName { get; init; }

    /// <summary>The physical parent: a library's folder, a series or a season (Jellyfin's <c>ParentId</c>).</summary>
    public required string ParentId { get; init; }

    /// <summary>Index of the library (view) the item lives in.</summary>
    public required int Library { get; init; }

    /// <summary>UserData.Key when it derives from provider ids; null means the dashed item id.</summary>
    public string? ProviderUserDataKey { get; init; }

    public string? Overview { get; init; }

    public IReadOnlyList<string> Genres { get; init; } = [];

    /// <summary>Name a test uses to find the item again after re-scans: "Title", "Show S01E02" or "Show".</summary>
    public required string LookupKey { get; init; }

    /// <summary>For views: movies, tvshows, music.</summary>
    public string? CollectionType { get; init; }

    public bool IsFolder => Kind is ItemKind.CollectionFolder or ItemKind.Series or ItemKind.Season;

    public bool IsVideo => Kind is ItemKind.Movie or ItemKind.Episode;

    public string TypeName => Kind.ToString();
}
