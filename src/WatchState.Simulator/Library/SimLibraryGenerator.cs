using System.Globalization;

namespace WatchState.Simulator;

/// <summary>Builds big, realistic-looking libraries from a seed (see <see cref="SimLibrary.Generate"/>).</summary>
internal static class SimLibraryGenerator
{
    private static readonly string[] Adjectives =
    [
        "Silent", "Broken", "Golden", "Last", "Hidden", "Distant", "Crimson", "Frozen", "Endless", "Wild",
        "Lost", "Bright", "Hollow", "Iron", "Secret", "Midnight", "Electric", "Paper", "Burning", "Quiet",
    ];

    private static readonly string[] Nouns =
    [
        "River", "Empire", "Garden", "Signal", "Harbor", "Mirror", "Frontier", "Machine", "Orchard", "Station",
        "Kingdom", "Horizon", "Lantern", "Voyage", "Circuit", "Meadow", "Citadel", "Archive", "Tide", "Canyon",
    ];

    private static readonly string[] GenreNames =
        ["Drama", "Comedy", "Action", "Science Fiction", "Thriller", "Documentary", "Animation", "Crime"];

    private static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Horizon = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static SimLibrary Generate(int itemCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        var random = new Random(seed);
        var movieCount = itemCount / 3;
        var span = (Horizon - Epoch).Ticks;
        var movies = new List<SimMovie>(movieCount);
        for (var i = 1; i <= movieCount; i++)
        {
            movies.Add(Movie(random, i, span));
        }

        var shows = new List<SimShow>();
        var remaining = itemCount - movieCount;
        var episodeSerial = 0;
        while (remaining > 0)
        {
            var show = Show(random, shows.Count + 1, Math.Min(remaining, random.Next(6, 80)), span, ref episodeSerial);
            remaining -= show.Episodes.Count;
            shows.Add(show);
        }

        return new SimLibrary(movies, shows);
    }

    private static SimMovie Movie(Random random, int i, long span)
    {
        var title = $"{Pick(random, Adjectives)} {Pick(random, Nouns)} {i.ToString(CultureInfo.InvariantCulture)}";
        var ids = new List<KeyValuePair<string, string>>();
        var kind = random.NextDouble();
        if (kind < 0.90)
        {
            ids.Add(new("Imdb", "tt" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture)));
        }

        if (kind is < 0.75 or (>= 0.90 and < 0.97))
        {
            ids.Add(new("Tmdb", (100_000 + i).ToString(CultureInfo.InvariantCulture)));
        }

        var year = random.Next(1950, 2025);
        var added = Epoch.AddTicks((long)(random.NextDouble() * span * 0.8));
        var runtime = TimeSpan.FromMinutes(random.Next(80, 180)) + TimeSpan.FromSeconds(random.Next(60));
        return new SimMovie
        {
            Title = title,
            Year = year,
            OriginalTitle = title,
            ProviderIds = ids,
            Added = added,
            Premiered = new DateTimeOffset(year, random.Next(1, 13), random.Next(1, 29), 0, 0, 0, TimeSpan.Zero),
            RunTime = runtime,
            Overview = $"Overview of {title}.",
            Genres = [Pick(random, GenreNames)],
            States = States(random, added, runtime),
        };
    }

    private static SimShow Show(Random random, int n, int episodeCount, long span, ref int serial)
    {
        var title = $"{Pick(random, Nouns)} {Pick(random, Adjectives)} Show {n.ToString("D4", CultureInfo.InvariantCulture)}";
        var added = Epoch.AddTicks((long)(random.NextDouble() * span * 0.6));
        var year = random.Next(1970, 2024);
        var showIds = new List<KeyValuePair<string, string>> { new("Tvdb", (70_000 + n).ToString(CultureInfo.InvariantCulture)) };
        if (random.NextDouble() < 0.5)
        {
            showIds.Add(new("Imdb", "tt" + (5_000_000 + n).ToString(CultureInfo.InvariantCulture)));
        }

        var episodes = new List<SimEpisode>(episodeCount);
        var seasonLength = random.Next(8, 14);
        var runtime = TimeSpan.FromMinutes(random.Next(20, 62));
        for (var k = 0; k < episodeCount; k++)
        {
            serial++;
            var season = (k / seasonLength) + 1;
            var number = (k % seasonLength) + 1;
            var ids = random.NextDouble() < 0.5
                ? [new("Tvdb", (1_000_000 + serial).ToString(CultureInfo.InvariantCulture))]
                : new List<KeyValuePair<string, string>>();
            var episodeAdded = added.AddDays(k * 7).AddSeconds(random.Next(86_400));
            var multi = number < seasonLength && k + 1 < episodeCount && random.NextDouble() < 0.01;
            episodes.Add(new SimEpisode
            {
                Season = season,
                Episode = number,
                EpisodeEnd = multi ? number + 1 : null,
                Title = $"Chapter {serial.ToString(CultureInfo.InvariantCulture)}",
                ProviderIds = ids,
                Added = episodeAdded,
                Premiered = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(k * 7),
                RunTime = runtime,
                States = States(random, episodeAdded, runtime),
            });
            if (multi)
            {
                k++;
            }
        }

        return new SimShow
        {
            Title = title,
            Year = year,
            ProviderIds = showIds,
            Added = added,
            Overview = $"Overview of {title}.",
            Genres = [Pick(random, GenreNames), Pick(random, GenreNames)],
            Episodes = episodes,
        };
    }

    private static Dictionary<string, SimPlayState> States(Random random, DateTimeOffset added, TimeSpan runtime)
    {
        var states = new Dictionary<string, SimPlayState>(StringComparer.OrdinalIgnoreCase);
        if (State(random, added, runtime, 0.30, 0.10) is { } admin)
        {
            states["admin"] = admin;
        }

        if (State(random, added, runtime, 0.15, 0.05) is { } alice)
        {
            states["alice"] = alice;
        }

        return states;
    }

    private static SimPlayState? State(Random random, DateTimeOffset added, TimeSpan runtime, double played, double progress)
    {
        var roll = random.NextDouble();
        var after = added.AddTicks((long)(random.NextDouble() * (Horizon - added).Ticks));
        if (roll < played)
        {
            return new SimPlayState { Played = true, LastPlayed = after, PlayCount = random.Next(1, 4) };
        }

        if (roll < played + progress)
        {
            var position = TimeSpan.FromSeconds((long)(runtime.TotalSeconds * (0.05 + (random.NextDouble() * 0.85))));
            return new SimPlayState { Position = position, LastPlayed = after };
        }

        return roll < played + progress + 0.01 ? new SimPlayState { Played = true, PlayCount = 1 } : null;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
