using System.Text.RegularExpressions;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Crash;

/// <summary>
/// The two halves every export crash test shares: kill <c>state:export</c> once a quarter of its writes reached the
/// slowed target, then run it again and hold the result against the uninterrupted reference run.
/// </summary>
internal static class ExportCrashRun
{
    // The product's default number of writes in flight per server (OutboxWorkerOptions.DefaultConcurrency).
    public const int InFlight = 4;

    /// <summary>A data directory that has imported both servers (source "a", target "b"): the source's plays are local state, the target lacks them.</summary>
    public static async Task<CliRunner> ImportedAsync(string servers)
    {
        var cli = new CliRunner();
        cli.Data.WriteServers(servers);
        var imported = await cli.RunAsync("state:import");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        return cli;
    }

    /// <summary>Starts the export, kills it (SIGKILL) once <paramref name="slow"/> matched a quarter of the writes, and checks the database survived.</summary>
    public static async Task KillMidwayAsync(CliRunner crashed, FaultRule slow, int writes)
    {
        int writtenAtKill;
        await using (var first = ProductCommand.Start(crashed.Data.Root, "state:export"))
        {
            var landed = await CrashServers.WaitForAsync(first, () => Task.FromResult(slow.Matched >= writes / 4));
            await first.KillAsync();
            writtenAtKill = slow.Matched;
            Assert.True(landed, $"the export ended before the kill: {(await first.WaitAsync()).Output}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"killed after {writtenAtKill} of {writes} writes");
        Assert.Equal("ok", await CrashDatabase.IntegrityCheckAsync(crashed.Data.Root));
    }

    /// <summary>
    /// Runs the export again, then: the database is intact with nothing stuck in the outbox, every written item ends
    /// as in the reference run, each is written as often as there, one more time only for the writes in flight at the
    /// kill, and the database equals the reference's.
    /// </summary>
    /// <param name="writesPerItem">Write requests a target received, by item: (reference target, killed target).</param>
    /// <param name="stateOf">An item's state on (reference target, killed target).</param>
    /// <param name="selfDating">The backend that dates plays itself, whose play dates differ between runs.</param>
    public static async Task FinishAndCompareAsync<TState>(
        CliRunner reference,
        CliRunner crashed,
        Func<bool, Dictionary<string, int>> writesPerItem,
        Func<bool, string, TState> stateOf,
        string? selfDating = null)
    {
        await ProductCommand.RunAsync(crashed.Data.Root, "state:export");

        Assert.Equal("ok", await CrashDatabase.IntegrityCheckAsync(crashed.Data.Root));
        Assert.Equal(0, await CrashDatabase.CountAsync(crashed.Data.Root, "SELECT count(*) FROM outbox WHERE status IN ('pending', 'failed')"));
        var expectedWrites = writesPerItem(false);
        var actualWrites = writesPerItem(true);
        var ids = expectedWrites.Keys.Concat(actualWrites.Keys).Distinct().ToList();
        Assert.Equal(ids.Select(id => stateOf(false, id)), ids.Select(id => stateOf(true, id)));

        var extra = ids.Where(id => actualWrites.GetValueOrDefault(id) != expectedWrites.GetValueOrDefault(id)).ToList();
        Assert.All(extra, id => Assert.Equal((id, expectedWrites.GetValueOrDefault(id) + 1), (id, actualWrites.GetValueOrDefault(id))));
        Assert.True(extra.Count <= InFlight, $"{extra.Count} items written again after the restart: {string.Join(", ", extra)}");
        Assert.Equal(await CrashDatabase.DumpAsync(reference.Data.Root, selfDating), await CrashDatabase.DumpAsync(crashed.Data.Root, selfDating));
    }

    /// <summary>Requests counted by the item that <paramref name="item"/>'s first group names; others left out.</summary>
    public static Dictionary<string, int> CountByItem(IEnumerable<string> requests, Regex item) =>
        requests.Select(r => item.Match(r)).Where(m => m.Success)
            .GroupBy(m => m.Groups[1].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
