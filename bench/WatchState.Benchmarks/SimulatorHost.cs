using WatchState.Simulator;

namespace WatchState.Benchmarks;

/// <summary>Runs a simulated Jellyfin (or Plex with its plex.tv) with a generated library until standard input closes.</summary>
internal static class SimulatorHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = Arguments.Int(args, "--items", 100_000);
        if (args.Contains("plex"))
        {
            await using var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Generate(items) });
            await using var plexTv = await PlexTvSimulator.StartAsync(plex);

            // The fourth field is the fake plex.tv, for trying backend:add by hand (WS_PLEXTV_URL).
            Console.WriteLine($"{plex.BaseUrl} {plex.AdminToken} - {plexTv.BaseUrl}");
            await Console.Out.FlushAsync();
            await Console.In.ReadToEndAsync();
            return 0;
        }

        await using var simulator = await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions
        {
            Library = SimLibrary.Generate(items),
        });
        Console.WriteLine($"{simulator.BaseUrl} {simulator.ApiKey} {simulator.AdminUserId}");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
