using System.Globalization;
using WatchState.Simulator;

namespace WatchState.Demo;

/// <summary>The same sample media on each of the three demo servers, each with its own play state.</summary>
internal sealed record DemoLibraries(SimLibrary Plex, SimLibrary Jellyfin, SimLibrary Emby)
{
    public int Movies => Plex.Movies.Count;

    public int Shows => Plex.Shows.Count;

    public int Episodes => Plex.Shows.Sum(s => s.Episodes.Count);
}

/// <summary>
/// Builds the demo's sample library. The play states differ on purpose, as on real servers that were never synced:
/// some movies were watched on one server only, some are half-watched on another, a show was binged on Plex.
/// The first sync has to bring them together.
/// </summary>
internal static class DemoLibrary
{
    /// <summary>The user whose play state the simulators seed (each simulator's administrator).</summary>
    public const string Admin = "admin";

    public const int DefaultMovies = 60;

    public const int MaxMovies = 20_000;

    [Flags]
    private enum On
    {
        None = 0,
        Plex = 1,
        Jellyfin = 2,
        Emby = 4,
        All = Plex | Jellyfin | Emby,
    }

    private readonly record struct Pattern(On Watched, On InProgress);

    // One in ten: the same movie watched everywhere, on one server only, half-watched on one, or never touched.
    private static readonly Pattern[] MoviePatterns =
    [
        new(On.All, On.None),
        new(On.Plex, On.None),
        new(On.Jellyfin, On.None),
        new(On.Emby, On.None),
        new(On.None, On.Jellyfin),
        new(On.None, On.Plex),
        new(On.None, On.Emby),
        new(On.Plex | On.Emby, On.None),
        new(On.None, On.None),
        new(On.None, On.None),
    ];

    /// <param name="movies">Movies in the library: the named titles first, then numbered ones.</param>
    /// <param name="now">Play dates are set in the days and hours before this.</param>
    public static DemoLibraries Create(int movies, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(movies);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(movies, MaxMovies);
        var catalogue = Enumerable.Range(0, movies).Select(MovieAt).ToList();
        return new DemoLibraries(Build(On.Plex, catalogue, now), Build(On.Jellyfin, catalogue, now), Build(On.Emby, catalogue, now));
    }

    private static DemoMovie MovieAt(int index)
    {
        if (index < DemoTitles.Movies.Count)
        {
            return DemoTitles.Movies[index];
        }

        var n = index + 1;
        return new DemoMovie(
            string.Create(CultureInfo.InvariantCulture, $"Sample Movie {n:D3}"),
            1990 + (n % 35),
            string.Create(CultureInfo.InvariantCulture, $"tt9{n:D6}"),
            85 + (n % 60));
    }

    private static SimLibrary Build(On server, IReadOnlyList<DemoMovie> catalogue, DateTimeOffset now)
    {
        var movies = catalogue.Select((m, i) => new SimMovie
        {
            Title = m.Title,
            Year = m.Year,
            ProviderIds = [new("Imdb", m.Imdb)],
            RunTime = TimeSpan.FromMinutes(m.Minutes),
            States = States(server, MoviePatterns[i % MoviePatterns.Length], i, m.Minutes, now),
        });
        var shows = DemoTitles.Shows.Select((show, s) => new SimShow
        {
            Title = show.Title,
            Year = show.Year,
            ProviderIds = [new("Tvdb", show.Tvdb)],
            Episodes = [.. show.Episodes.Select((name, e) => new SimEpisode
            {
                Season = 1,
                Episode = e + 1,
                Title = name,
                RunTime = TimeSpan.FromMinutes(show.EpisodeMinutes),
                States = States(server, EpisodePattern(s, e), (s * 20) + e, show.EpisodeMinutes, now),
            })],
        });
        return new SimLibrary(movies, shows);
    }

    // Breaking Bad binged on Plex (the first episodes seen on Jellyfin too), Stranger Things started on Emby and
    // continued on Jellyfin, The Expanse begun on Jellyfin and continued on Plex, The Office's pilot seen everywhere.
    private static Pattern EpisodePattern(int show, int episode) => (show, episode) switch
    {
        (0, < 3) => new(On.Plex | On.Jellyfin, On.None),
        (0, _) => new(On.Plex, On.None),
        (1, < 4) => new(On.Emby, On.None),
        (1, 4) => new(On.None, On.Jellyfin),
        (2, < 2) => new(On.Jellyfin, On.None),
        (2, 2) => new(On.None, On.Plex),
        (3, 0) => new(On.All, On.None),
        _ => new(On.None, On.None),
    };

    private static Dictionary<string, SimPlayState> States(On server, Pattern pattern, int index, int minutes, DateTimeOffset now)
    {
        var states = new Dictionary<string, SimPlayState>(StringComparer.Ordinal);
        if (pattern.Watched.HasFlag(server))
        {
            // Whole seconds: Plex keeps play dates in seconds, so the servers can agree exactly.
            var played = now.AddDays(-(index + 1)).AddHours(-(index % 12));
            states[Admin] = new SimPlayState { Played = true, PlayCount = 1, LastPlayed = played.AddTicks(-(played.Ticks % TimeSpan.TicksPerSecond)) };
        }
        else if (pattern.InProgress.HasFlag(server))
        {
            var position = TimeSpan.FromMinutes(Math.Max(5, minutes * (25 + (index * 7 % 50)) / 100));
            var lastPlayed = now.AddHours(-(index + 1));
            states[Admin] = new SimPlayState { Position = position, LastPlayed = lastPlayed.AddTicks(-(lastPlayed.Ticks % TimeSpan.TicksPerSecond)) };
        }

        return states;
    }
}
