using WatchState.Simulator;

namespace WatchState.Benchmarks;

/// <summary>Runs a simulated Jellyfin (or Plex with its plex.tv) with a generated library until standard input closes.</summary>
internal static class SimulatorHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = Arguments.Int(args, "--items", 100_000);
        var changed = Arguments.Int(args, "--changed", 0);
        var library = Diverge(SimLibrary.Generate(items), changed, source: args.Contains("jellyfin"));
        if (args.Contains("plex"))
        {
            await using var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = library });
            await using var plexTv = await PlexTvSimulator.StartAsync(plex);

            // The fourth field is the fake plex.tv, for trying backend:add by hand (WS_PLEXTV_URL).
            Console.WriteLine($"{plex.BaseUrl} {plex.AdminToken} - {plexTv.BaseUrl}");
            await Console.Out.FlushAsync();
            await Console.In.ReadToEndAsync();
            return 0;
        }

        await using var simulator = await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions
        {
            Library = library,
            Flavor = args.Contains("emby") ? MediaBrowserFlavor.Emby : MediaBrowserFlavor.Jellyfin,
        });
        Console.WriteLine($"{simulator.BaseUrl} {simulator.ApiKey} {simulator.AdminUserId}");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>
    /// The first <paramref name="changed"/> movies with provider ids (spread evenly) were just played on the source
    /// server (Jellyfin) and are unplayed on the others, so a sync must write each of them to the two others.
    /// </summary>
    private static SimLibrary Diverge(SimLibrary library, int changed, bool source)
    {
        if (changed <= 0)
        {
            return library;
        }

        var step = Math.Max(1, library.Movies.Count / changed);
        var playedAt = new DateTimeOffset(2025, 9, 1, 12, 0, 0, TimeSpan.Zero);
        var movies = new List<SimMovie>(library.Movies.Count);
        var taken = 0;
        var due = false;
        for (var i = 0; i < library.Movies.Count; i++)
        {
            var movie = library.Movies[i];
            due |= i % step == 0;
            if (!due || taken >= changed || movie.ProviderIds.Count == 0)
            {
                movies.Add(movie);
                continue;
            }

            var states = movie.States.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            states["admin"] = source ? new SimPlayState { Played = true, LastPlayed = playedAt, PlayCount = 1 } : new SimPlayState();
            movies.Add(movie with { States = states });
            taken++;
            due = false;
        }

        return new SimLibrary(movies, library.Shows);
    }
}
