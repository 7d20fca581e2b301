using System.Globalization;
using WatchState.Simulator;

namespace WatchState.Tests.Crash;

/// <summary>Simulators with generated libraries and the servers.yaml entries that point at them.</summary>
internal static class CrashServers
{
    public static Task<MediaBrowserSimulator> StartAsync(SimLibrary library, string serverId) =>
        MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = library, ServerId = serverId },
            TestContext.Current.CancellationToken);

    /// <summary>A Plex simulator; two started with the same library and id hand out the same rating keys.</summary>
    public static Task<PlexSimulator> StartPlexAsync(SimLibrary library, string machineIdentifier) =>
        PlexSimulator.StartAsync(
            new PlexSimulatorOptions { Library = library, MachineIdentifier = machineIdentifier },
            TestContext.Current.CancellationToken);

    /// <summary>The same items with nobody's play state: a server nobody has watched anything on yet.</summary>
    public static SimLibrary Unplayed(SimLibrary library) => new(
        library.Movies.Select(m => m with { States = new Dictionary<string, SimPlayState>() }),
        library.Shows.Select(s => s with { Episodes = [.. s.Episodes.Select(e => e with { States = new Dictionary<string, SimPlayState>() })] }));

    public static string Entry(string name, MediaBrowserSimulator sim, int pageSize) => string.Create(CultureInfo.InvariantCulture, $"""
        {name}:
          type: jellyfin
          url: {sim.BaseUrl}
          token: {sim.ApiKey}
          user: {sim.AdminUserId}
          uuid: {sim.ServerId}
          options:
            LIBRARY_SEGMENT: {pageSize}

        """);

    /// <summary>The owner's token: plays land on the admin account, as <c>GetPlayState("admin", …)</c> reads them.</summary>
    public static string Entry(string name, PlexSimulator sim, int pageSize) => string.Create(CultureInfo.InvariantCulture, $"""
        {name}:
          type: plex
          url: {sim.BaseUrl}
          token: {sim.AdminToken}
          uuid: {sim.MachineIdentifier}
          options:
            LIBRARY_SEGMENT: {pageSize}

        """);

    /// <summary>Polls until <paramref name="reached"/> holds; false when the command ended (or the deadline passed) first.</summary>
    public static async Task<bool> WaitForAsync(ProductCommand command, Func<Task<bool>> reached)
    {
        // A deadline, not a timing assertion: the point is to land inside the run, however slow the machine.
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (DateTimeOffset.UtcNow < deadline && !command.HasExited)
        {
            if (await reached())
            {
                return true;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return false;
    }
}
