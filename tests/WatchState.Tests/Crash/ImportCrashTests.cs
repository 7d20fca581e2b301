using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Crash;

/// <summary>
/// The real <c>watchstate state:import</c> process killed (SIGKILL) while it pages through a large Jellyfin library,
/// then run again: the database is intact and holds exactly what one uninterrupted import leaves behind.
/// </summary>
public class ImportCrashTests
{
    private const int Items = 10_000;
    private const int PageSize = 500;

    [Fact]
    public async Task An_import_killed_midway_and_run_again_equals_an_uninterrupted_import()
    {
        var library = SimLibrary.Generate(Items, seed: 7);
        await using var jellyfin = await CrashServers.StartAsync(library, "a7fc5094cc8546ef876d29f90b2db025");
        var servers = CrashServers.Entry("jf", jellyfin, PageSize);

        using var reference = new CliRunner();
        reference.Data.WriteServers(servers);
        var uninterrupted = await reference.RunAsync("state:import");
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());
        var expected = await CrashDatabase.DumpAsync(reference.Data.Root);

        // Multi-episode files make one item per episode and share a view; most videos are one item.
        Assert.InRange(expected.Count, Items * 9 / 10, library.VideoCount * 2);

        using var crashed = new CliRunner();
        crashed.Data.WriteServers(servers);

        // Every page held back a little, so the kill lands with some pages committed and most still to come.
        var slow = jellyfin.Faults.Add(new FaultRule(FaultKind.Delay, "/Users/*/Items") { Method = "GET", Query = "StartIndex=", Delay = TimeSpan.FromMilliseconds(150) });
        long committed;
        await using (var first = ProductCommand.Start(crashed.Data.Root, "state:import"))
        {
            // Killed once a few pages were served: whatever the import committed by then is cut off mid-way.
            var landed = await CrashServers.WaitForAsync(first, () => Task.FromResult(slow.Hits >= 4));
            await first.KillAsync();
            committed = await CrashDatabase.CountAsync(crashed.Data.Root, "SELECT count(*) FROM items");
            Assert.True(landed, $"the import ended before the kill: {(await first.WaitAsync()).Output}");
        }

        jellyfin.Faults.Remove(slow);
        TestContext.Current.TestOutputHelper?.WriteLine($"killed with {committed} of {Items} items committed");
        Assert.InRange(committed, 0, expected.Count - 1);
        Assert.Equal("ok", await CrashDatabase.IntegrityCheckAsync(crashed.Data.Root));

        await ProductCommand.RunAsync(crashed.Data.Root, "state:import");

        Assert.Equal("ok", await CrashDatabase.IntegrityCheckAsync(crashed.Data.Root));
        Assert.Equal(expected, await CrashDatabase.DumpAsync(crashed.Data.Root));
    }
}
