using WatchState.Simulator;

namespace WatchState.Benchmarks;

/// <summary>Runs a simulated Jellyfin with a generated library until standard input closes.</summary>
internal static class SimulatorHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = Arguments.Int(args, "--items", 100_000);
        if (args.Contains("plex"))
        {
            await using var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Generate(items) });
            Console.WriteLine($"{plex.BaseUrl} {plex.AdminToken} -");
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
