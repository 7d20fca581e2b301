using System.Text.RegularExpressions;
using WatchState.Simulator;

namespace WatchState.Tests.Crash;

/// <summary>
/// The real <c>watchstate state:export</c> process killed (SIGKILL) while it writes many play states to a slow server,
/// then run again: the database is intact, the server ends as after one uninterrupted export, no item is written
/// again except the writes in flight at the kill, and no write is left stuck in the outbox.
/// </summary>
public partial class ExportCrashTests
{
    private const int Items = 2_000;

    [Fact]
    public async Task An_export_killed_midway_and_run_again_leaves_the_target_as_an_uninterrupted_export_and_rewrites_only_what_was_in_flight()
    {
        var library = SimLibrary.Generate(Items, seed: 11);
        await using var source = await CrashServers.StartAsync(library, "a7fc5094cc8546ef876d29f90b2db025");

        // Two copies of the target, same ids: one for the reference run, one to kill the export against.
        await using var targetOnce = await CrashServers.StartAsync(CrashServers.Unplayed(library), "b2c5f8e1b4a7d0c36e9a2d5c8f1b4e7a");
        await using var targetKilled = await CrashServers.StartAsync(CrashServers.Unplayed(library), "b2c5f8e1b4a7d0c36e9a2d5c8f1b4e7a");

        using var reference = await ExportCrashRun.ImportedAsync(CrashServers.Entry("a", source, 1000) + CrashServers.Entry("b", targetOnce, 1000));
        var once = await reference.RunAsync("state:export");
        Assert.True(once.ExitCode == 0, once.ToString());
        var expectedWrites = WritesPerItem(targetOnce);
        Assert.True(expectedWrites.Count > 100, $"too few writes to cut: {expectedWrites.Count}");

        using var crashed = await ExportCrashRun.ImportedAsync(CrashServers.Entry("a", source, 1000) + CrashServers.Entry("b", targetKilled, 1000));
        var slow = targetKilled.Faults.Add(new FaultRule(FaultKind.Delay, "/Users") { Method = "POST", Delay = TimeSpan.FromMilliseconds(40) });
        await ExportCrashRun.KillMidwayAsync(crashed, slow, expectedWrites.Values.Sum());
        targetKilled.Faults.Remove(slow);

        await ExportCrashRun.FinishAndCompareAsync(
            reference, crashed, killed => WritesPerItem(killed ? targetKilled : targetOnce), (killed, id) => Of(killed ? targetKilled : targetOnce, id));
    }

    private static (string Id, bool Played, TimeSpan Position) Of(MediaBrowserSimulator sim, string id)
    {
        var state = sim.GetPlayState(sim.AdminUserId, id);
        return (id, state.Played, state.Position);
    }

    /// <summary>Write requests the server received, by the item they were for.</summary>
    private static Dictionary<string, int> WritesPerItem(MediaBrowserSimulator sim) => ExportCrashRun.CountByItem(sim.Writes, ItemInPath());

    [GeneratedRegex("/(?:PlayedItems|PlayingItems|Items)/([^/?]+)")]
    private static partial Regex ItemInPath();
}
