using WatchState.Sync;
using WatchState.Tests.Simulator;

namespace WatchState.Tests.Faults;

/// <summary>
/// Import against every fault on the second page of a library listing (Jellyfin and Plex): it either finishes
/// with everything, or fails naming the backend and the problem after a bounded number of attempts, writes
/// nothing and keeps its cursor; a clean run afterwards reads everything.
/// </summary>
public sealed class ImportFaultTests
{
    public const string Library = """
        movie "Alien" 1979 imdb=tt0078748 played=2024-01-01T10:00:00Z
        movie "Brazil" 1985 imdb=tt0088846
        movie "Casablanca" 1942 imdb=tt0034583 played=2024-01-02T10:00:00Z
        movie "Dune" 1984 imdb=tt0087182
        movie "Eraserhead" 1977 imdb=tt0074486
        """;

    private static readonly string[] Everything =
        ["Alien watched", "Brazil unwatched", "Casablanca watched", "Dune unwatched", "Eraserhead unwatched"];

    public static TheoryData<string, string> Cases() => Matrix(FaultCases.All);

    public static TheoryData<string, string> FailingCases() => Matrix(FaultCases.Failing);

    /// <summary>What import does per fault: (finishes, attempts on the faulty request, message part when it fails).</summary>
    private static (bool Finishes, int? Attempts, string? Message) Expected(string fault) => fault switch
    {
        "status-503" => (false, FaultCases.Attempts, "server error (503)"),
        "status-503-once" => (true, 1, null),
        "status-404" => (false, 1, "not found (404)"),
        "hang" => (false, FaultCases.Attempts, "timed out after 0.3s"),
        "reset" => (false, FaultCases.Attempts, "server unreachable"),
        "truncated-json" or "invalid-json" => (false, 1, "invalid JSON"),
        "xml" => (false, 1, "xml"),
        _ => (true, null, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_full_import_finishes_or_fails_cleanly_and_a_clean_run_reads_everything(string server, string fault)
    {
        await using var sims = await Servers.StartAsync(server, Library);
        await using var harness = new FaultHarness();
        var before = await harness.FingerprintAsync();
        var rule = sims.Faults.Add(FaultCases.Rule(fault, sims.ListingPath, sims.SecondPage));
        var expected = Expected(fault);

        var faulty = await harness.ImportAsync(sims.Backend);

        if (fault == "page-removed")
        {
            // A page moved under the reader and an item was skipped: kept what was read, said so, cursor unmoved.
            Assert.True(faulty.Succeeded, faulty.Error);
            Assert.Contains(faulty.Warnings, w => w.Contains("changed while it was read (4 of 5 items)", StringComparison.Ordinal));
            Assert.Null(await harness.CursorAsync(sims.Backend.Name, Importer.CursorDirection));
        }
        else if (expected.Finishes)
        {
            Assert.True(faulty.Succeeded, faulty.Error);
            Assert.DoesNotContain(faulty.Warnings, w => w.Contains("changed while", StringComparison.Ordinal));
            Assert.Equal(Everything, await harness.ItemsAsync());
        }
        else
        {
            Assert.StartsWith($"backend {sims.Backend.Name}: ", faulty.Error, StringComparison.Ordinal);
            Assert.Contains(expected.Message!, faulty.Error, StringComparison.OrdinalIgnoreCase);
            FaultCases.AssertClean(faulty.Error);
            Assert.Equal(before, await harness.FingerprintAsync());
            Assert.Null(await harness.CursorAsync(sims.Backend.Name, Importer.CursorDirection));
        }

        if (expected.Attempts is { } attempts)
        {
            Assert.Equal(attempts, rule.Hits);
        }

        sims.Faults.Clear();
        var clean = await harness.ImportAsync(sims.Backend);
        Assert.True(clean.Succeeded, clean.Error);
        Assert.Equal(Everything, await harness.ItemsAsync());
        Assert.NotNull(await harness.CursorAsync(sims.Backend.Name, Importer.CursorDirection));
    }

    [Theory]
    [MemberData(nameof(FailingCases))]
    public async Task A_failed_incremental_import_keeps_its_cursor_so_the_next_run_still_sees_the_change(string server, string fault)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        await using var sims = await Servers.StartAsync(server, Library, clock);
        await using var harness = new FaultHarness(clock);
        Assert.True((await harness.ImportAsync(sims.Backend)).Succeeded);
        var cursor = await harness.CursorAsync(sims.Backend.Name, Importer.CursorDirection);
        clock.Now += TimeSpan.FromHours(1);
        sims.MarkPlayed("Dune", clock.Now);
        clock.Now += TimeSpan.FromHours(1);
        sims.Faults.Add(FaultCases.Rule(fault, sims.ListingPath));

        var failed = await harness.ImportAsync(sims.Backend);
        var cursorAfterFailure = await harness.CursorAsync(sims.Backend.Name, Importer.CursorDirection);
        sims.Faults.Clear();
        clock.Now += TimeSpan.FromHours(1);
        var recovered = await harness.ImportAsync(sims.Backend);

        Assert.False(failed.Succeeded);
        Assert.Equal(cursor, cursorAfterFailure);
        Assert.True(recovered.Succeeded, recovered.Error);
        Assert.StartsWith("incremental", recovered.ModeText, StringComparison.Ordinal);
        Assert.Contains("Dune watched", await harness.ItemsAsync());
    }

    private static TheoryData<string, string> Matrix(string[] faults)
    {
        var data = new TheoryData<string, string>();
        foreach (var server in Servers.Kinds)
        {
            foreach (var fault in faults)
            {
                data.Add(server, fault);
            }
        }

        return data;
    }
}
