namespace WatchState.Simulator;

/// <summary>One user's play state of one item, as a library description states it.</summary>
public sealed record SimPlayState
{
    public bool Played { get; init; }

    /// <summary>When it was last played; null for "played without a date" (a real Jellyfin quirk).</summary>
    public DateTimeOffset? LastPlayed { get; init; }

    /// <summary>Resume point; zero when none.</summary>
    public TimeSpan Position { get; init; }

    public int PlayCount { get; init; }

    public bool Favorite { get; init; }
}

/// <summary>What movies and episodes share: a playable file with ids, dates and per-user state.</summary>
public abstract record SimVideo
{
    /// <summary>Provider ids in the order the server lists them, keys spelled as the server does (Imdb, Tmdb, Tvdb…).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ProviderIds { get; init; } = [];

    /// <summary>Date added (the server's DateCreated); null lets the simulator pick a deterministic one.</summary>
    public DateTimeOffset? Added { get; init; }

    public DateTimeOffset? Premiered { get; init; }

    public TimeSpan RunTime { get; init; }

    /// <summary>File path; null lets the simulator build one like a real library layout.</summary>
    public string? Path { get; init; }

    public string? Overview { get; init; }

    public IReadOnlyList<string> Genres { get; init; } = [];

    /// <summary>Play state by user name ("admin", "alice", …); users without an entry have never played it.</summary>
    public IReadOnlyDictionary<string, SimPlayState> States { get; init; } = new Dictionary<string, SimPlayState>();
}

public sealed record SimMovie : SimVideo
{
    public required string Title { get; init; }

    public int? Year { get; init; }

    public string? OriginalTitle { get; init; }
}

public sealed record SimEpisode : SimVideo
{
    public required int Season { get; init; }

    public required int Episode { get; init; }

    /// <summary>Last episode of a multi-episode file (Jellyfin's IndexNumberEnd).</summary>
    public int? EpisodeEnd { get; init; }

    /// <summary>Episode name; null means the file name ("Show S01E02"), as a server without metadata shows it.</summary>
    public string? Title { get; init; }
}

public sealed record SimShow
{
    public required string Title { get; init; }

    public int? Year { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> ProviderIds { get; init; } = [];

    public DateTimeOffset? Added { get; init; }

    public DateTimeOffset? Premiered { get; init; }

    public string? Overview { get; init; }

    public IReadOnlyList<string> Genres { get; init; } = [];

    public IReadOnlyList<SimEpisode> Episodes { get; init; } = [];
}
