using WatchState.Simulator;
using WatchState.Storage;

namespace WatchState.Tests.Faults;

/// <summary>
/// Export from Jellyfin to an Emby or Plex server that misbehaves on its writes or on the reads around them: the run
/// ends, with every write either done or left pending/failed with a clear reason after a bounded number of tries,
/// the export cursor stays until everything went through, and a clean run afterwards finishes the job.
/// </summary>
public sealed class ExportFaultTests
{
    private const string Watched = """
        movie "Alien" 1979 imdb=tt0078748 played=2024-01-01T10:00:00Z
        movie "Brazil" 1985 imdb=tt0088846
        movie "Casablanca" 1942 imdb=tt0034583 played=2024-01-02T10:00:00Z
        """;

    private const string Unwatched = """
        movie "Alien" 1979 imdb=tt0078748
        movie "Brazil" 1985 imdb=tt0088846
        movie "Casablanca" 1942 imdb=tt0034583
        """;

    /// <summary>
    /// The most requests one run may send to the faulty path: two items, each written at most three times (no HTTP
    /// retries for writes, two more tries in the run), plus the reads around them with their HTTP retries.
    /// </summary>
    private const int MostTries = 2 * 3 + 2 * FaultCases.Attempts;

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var target in new[] { "emby", "plex" })
        {
            foreach (var where in new[] { "write", "read" })
            {
                foreach (var fault in FaultCases.All)
                {
                    data.Add(target, where, fault);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_export_to_a_faulty_server_ends_with_every_write_accounted_for_and_a_clean_run_finishes_it(string target, string where, string fault)
    {
        await using var source = await Servers.StartAsync("jellyfin", Watched);
        await using var sink = await Servers.StartAsync(target, Unwatched);
        await using var harness = new FaultHarness();
        Assert.All(await harness.ImportAsync(source.Backend, sink.Backend), r => Assert.True(r.Succeeded, r.Error));
        var rule = sink.Faults.Add(FaultCases.Rule(fault, where == "write" ? sink.WritePath : sink.ReadPath));

        var (plan, result) = await harness.ExportAsync(source.Backend, sink.Backend);

        Assert.Equal(2, plan.Writes.Count);
        Assert.InRange(rule.Hits, 0, MostTries);
        var outbox = (await harness.OutboxAsync()).Where(e => e.Backend == sink.Backend.Name).ToList();
        if (result.Complete)
        {
            // Plex answers 404 for items it no longer has: such writes are dropped, the others must really be written.
            Assert.Equal(2, result.Done + result.Dropped);
            Assert.True(result.Done == 0 || (sink.Played("Alien") && sink.Played("Casablanca")), $"{fault}: reported done but not written");
            Assert.NotNull(await harness.CursorAsync(sink.Backend.Name, "export"));
        }
        else
        {
            // Nothing is lost: every write not done is pending or failed with a reason the user can read.
            Assert.Equal(2, result.Done + result.Pending + result.Failed + result.Dropped);
            Assert.All(outbox.Where(e => e.Status != OutboxStatus.Done), e => FaultCases.AssertClean(e.LastError));
            FaultCases.AssertClean(result.Error ?? outbox.First(e => e.Status != OutboxStatus.Done).LastError);
            Assert.Null(await harness.CursorAsync(sink.Backend.Name, "export"));
        }

        sink.Faults.Clear();
        var (_, clean) = await harness.ExportAsync(source.Backend, sink.Backend);
        if (result.Dropped > 0)
        {
            // Plex's 404 for a key means the item was deleted: the write is dropped with that reason (see docs/reliability.md).
            Assert.All(outbox.Where(e => e.Status == OutboxStatus.Dropped), e => Assert.Equal(WatchState.Sync.OutboxBatch.Gone, e.LastError));
            return;
        }

        Assert.True(sink.Played("Alien") && sink.Played("Casablanca"), $"{fault}: not written after the fault cleared; {clean}");
        Assert.False(sink.Played("Brazil"));
        if (outbox.All(e => e.Status != OutboxStatus.Failed))
        {
            Assert.True(clean.Complete, clean.ToString());
            Assert.NotNull(await harness.CursorAsync(sink.Backend.Name, "export"));
        }
    }
    [Fact]
    public async Task A_plex_batch_read_answered_404_for_one_deleted_item_still_writes_the_others_and_reports_only_that_one_gone()
    {
        const string watched = """
            movie "Alien" 1979 imdb=tt0078748 played=2024-01-01T10:00:00Z
            movie "Brazil" 1985 imdb=tt0088846 played=2024-01-03T10:00:00Z
            movie "Casablanca" 1942 imdb=tt0034583 played=2024-01-02T10:00:00Z
            """;
        await using var source = await Servers.StartAsync("jellyfin", watched);
        await using var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(Unwatched) }, TestContext.Current.CancellationToken);
        var sink = FaultHarness.Backend("plex", plex);
        await using var harness = new FaultHarness();
        Assert.All(await harness.ImportAsync(source.Backend, sink), r => Assert.True(r.Succeeded, r.Error));

        // Brazil was deleted on Plex: a bulk read naming it is answered 404 as a whole, and so is Brazil on its own.
        var batch = plex.Faults.Add(new FaultRule(FaultKind.Status, "/library/metadata/*") { StatusCode = 404, Times = 1 });
        var brazil = plex.RatingKeyOf("Brazil");
        plex.Faults.Add(new FaultRule(FaultKind.Status, $"/library/metadata/{brazil}") { StatusCode = 404 });

        var (plan, result) = await harness.ExportAsync(source.Backend, sink);

        Assert.Equal(3, plan.Writes.Count);
        Assert.Equal(1, batch.Hits);
        Assert.True(plex.GetPlayState("admin", plex.RatingKeyOf("Alien")).Played, result.ToString());
        Assert.True(plex.GetPlayState("admin", plex.RatingKeyOf("Casablanca")).Played, result.ToString());
        Assert.Equal((2, 1), (result.Done, result.Dropped));
        await using var connection = await harness.Database.OpenAsync(TestContext.Current.CancellationToken);
        var (dropped, _) = await new OutboxStore(connection, "main").PageAsync(OutboxStatus.Dropped, 0, 10, TestContext.Current.CancellationToken);
        var gone = Assert.Single(dropped);
        Assert.Equal(brazil, gone.Write.RemoteId);
        Assert.Equal(WatchState.Sync.OutboxBatch.Gone, gone.LastError);
    }
}
