using System.Text.RegularExpressions;
using WatchState.Simulator;

namespace WatchState.Tests.Crash;

/// <summary>
/// <see cref="ExportCrashTests"/> with Plex as the target: Plex dates a scrobble with its own clock, never with the
/// play date the write carries, so a write that landed before the kill shows a date of the killed run. Run again,
/// it must still count as exported: the database is intact and equals an uninterrupted export's, Plex ends the same,
/// and only the writes in flight at the kill are sent twice.
/// </summary>
public partial class PlexExportCrashTests
{
    private const int Items = 2_000;
    private const string Owner = "admin";

    [Fact]
    public async Task An_export_to_plex_killed_midway_and_run_again_equals_an_uninterrupted_export_and_rewrites_only_what_was_in_flight()
    {
        var library = SimLibrary.Generate(Items, seed: 13);
        await using var source = await CrashServers.StartAsync(library, "a7fc5094cc8546ef876d29f90b2db025");

        // Two copies of the target, same ids: one for the reference run, one to kill the export against.
        const string machine = "5e0f1c2d3b4a59687766554433221100ffeeddcc";
        await using var targetOnce = await CrashServers.StartPlexAsync(CrashServers.Unplayed(library), machine);
        await using var targetKilled = await CrashServers.StartPlexAsync(CrashServers.Unplayed(library), machine);

        using var reference = await ExportCrashRun.ImportedAsync(CrashServers.Entry("a", source, 1000) + CrashServers.Entry("b", targetOnce, 1000));
        var once = await reference.RunAsync("state:export");
        Assert.True(once.ExitCode == 0, once.ToString());
        var expectedWrites = WritesPerItem(targetOnce);
        Assert.True(expectedWrites.Count > 100, $"too few writes to cut: {expectedWrites.Count}");

        using var crashed = await ExportCrashRun.ImportedAsync(CrashServers.Entry("a", source, 1000) + CrashServers.Entry("b", targetKilled, 1000));

        // Every /:/scrobble and /:/timeline held back a little, so the kill lands with some writes made and most to come.
        var slow = targetKilled.Faults.Add(new FaultRule(FaultKind.Delay, "/:") { Delay = TimeSpan.FromMilliseconds(40) });
        await ExportCrashRun.KillMidwayAsync(crashed, slow, expectedWrites.Values.Sum());
        targetKilled.Faults.Remove(slow);

        // The state includes the play count: a scrobble sent twice counts two plays on Plex.
        await ExportCrashRun.FinishAndCompareAsync(
            reference,
            crashed,
            killed => WritesPerItem(killed ? targetKilled : targetOnce),
            (killed, key) => Of(killed ? targetKilled : targetOnce, key),
            selfDating: "b");
    }

    private static (string Key, bool Played, int PlayCount, TimeSpan Position) Of(PlexSimulator sim, string key)
    {
        var state = sim.GetPlayState(Owner, key);
        return (key, state.Played, state.PlayCount, state.Position);
    }

    /// <summary>Play-state calls the server received (scrobble, unscrobble, timeline), by the rating key they were for.</summary>
    private static Dictionary<string, int> WritesPerItem(PlexSimulator sim) => ExportCrashRun.CountByItem(sim.Writes, KeyInQuery());

    // The first numeric key: a timeline also names the item as key=/library/metadata/N.
    [GeneratedRegex("^[A-Z]+ /:/(?:scrobble|unscrobble|timeline)\\?(?:[^ ]*?&)?(?:key|ratingKey)=([0-9]+)(?:&|$)")]
    private static partial Regex KeyInQuery();
}
