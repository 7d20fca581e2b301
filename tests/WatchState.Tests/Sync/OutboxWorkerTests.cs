using WatchState.Backends;
using WatchState.Storage;

namespace WatchState.Tests.Sync;

/// <summary>The outbox worker against in-memory servers that fail on cue.</summary>
public sealed class OutboxWorkerTests : IDisposable
{
    private static readonly DateTimeOffset Played = new(2024, 3, 1, 20, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();
    private readonly FakeServerFactory _factory = new();
    private readonly FakeWriterServer _jf = new("jf");
    private readonly FakeWriterServer _emby = new("emby");

    public OutboxWorkerTests()
    {
        _factory.Servers["jf"] = _jf;
        _factory.Servers["emby"] = _emby;
        _jf.AddMovie("j1", "tt0133093", played: true, playedAt: Played);
        _emby.AddMovie("e1", "tt0133093");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_write_that_fails_with_503_is_retried_in_the_same_run_and_then_recorded_done()
    {
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby);
        _emby.WriteFailures.Enqueue(503);

        var (plan, results) = await ws.ExportAsync(_jf, _emby);
        var (again, _) = await ws.ExportAsync(_jf, _emby);

        var write = Assert.Single(plan.Writes);
        Assert.Equal("emby:played", $"{write.Backend}:{write.Change}");
        Assert.True(_emby["e1"].Played);
        Assert.Equal(Played, _emby["e1"].PlayedAt);
        Assert.Equal(1, Assert.Single(results, r => r.Backend == "emby").Done);
        Assert.Empty(await ws.OutboxAsync());
        Assert.Empty(again.Writes);
        Assert.NotNull(await ws.ExportCursorAsync("emby"));
    }

    [Fact]
    public async Task Once_every_backend_has_a_cursor_planning_reads_only_the_items_changed_since()
    {
        _jf.AddMovie("j2", "tt0234215");
        _emby.AddMovie("e2", "tt0234215");
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby);
        var (first, _) = await ws.ExportAsync(_jf, _emby);

        // The first export's own writes changed a view after its cursor: the next plan reads that item once more.
        await ws.ExportAsync(_jf, _emby);
        _jf.AddMovie("j2", "tt0234215", played: true, playedAt: Played.AddDays(1));
        await ws.ImportAsync(_jf, _emby);

        var (second, _) = await ws.ExportAsync(_jf, _emby);

        Assert.Equal(2, first.Counts.Items);
        Assert.Equal(1, second.Counts.Items);
        Assert.Equal("emby:played", $"{Assert.Single(second.Writes).Backend}:{Assert.Single(second.Writes).Change}");
        Assert.True(_emby["e2"].Played);
    }

    [Fact]
    public async Task A_refused_write_is_recorded_failed_with_the_reason_and_the_cursor_stays()
    {
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby);
        _emby.WriteFailures.Enqueue(404);

        var (_, results) = await ws.ExportAsync(_jf, _emby);

        var failed = Assert.Single(await ws.OutboxAsync(failedOnly: true));
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("(404)", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(1, Assert.Single(results, r => r.Backend == "emby").Failed);
        Assert.False(_emby["e1"].Played);
        Assert.Null(await ws.ExportCursorAsync("emby"));
        Assert.NotNull(await ws.ExportCursorAsync("jf"));
    }

    [Fact]
    public async Task Pending_writes_survive_a_restart_and_are_sent_by_the_next_worker()
    {
        await using (var ws = new OutboxHarness(_folder, _factory))
        {
            await ws.ImportAsync(_jf, _emby);
            _emby.Down = true;
            var (_, results) = await ws.ExportAsync(_jf, _emby);

            var pending = Assert.Single(await ws.OutboxAsync());
            Assert.Equal(OutboxStatus.Pending, pending.Status);
            Assert.Contains("connection refused", pending.LastError, StringComparison.Ordinal);
            Assert.NotNull(Assert.Single(results, r => r.Backend == "emby").Error);
        }

        _emby.Down = false;
        await using var restarted = new OutboxHarness(_folder, _factory);
        var drained = await restarted.DrainAsync(_emby);

        Assert.Equal(1, Assert.Single(drained).Done);
        Assert.True(_emby["e1"].Played);
        Assert.Empty(await restarted.OutboxAsync());
    }

    [Fact]
    public async Task A_server_that_is_down_does_not_hold_up_the_others()
    {
        var plex = new FakeWriterServer("plex");
        _factory.Servers["plex"] = plex;
        plex.AddMovie("p1", "tt0133093");
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby, plex);
        _emby.Down = true;

        var (plan, results) = await ws.ExportAsync(_jf, _emby, plex);

        Assert.Equal(2, plan.Writes.Count);
        Assert.True(plex["p1"].Played);
        Assert.Equal(1, Assert.Single(results, r => r.Backend == "plex").Done);
        Assert.Equal(1, Assert.Single(results, r => r.Backend == "emby").Pending);
        Assert.NotNull(await ws.ExportCursorAsync("plex"));
        Assert.Null(await ws.ExportCursorAsync("emby"));
    }

    [Fact]
    public async Task A_write_the_remote_has_overtaken_is_dropped_and_the_remote_change_reconciled()
    {
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby);
        // Emby gets its own newer play between our import and the write.
        var later = Played.AddDays(1);
        _emby["e1"] = _emby["e1"] with { Played = true, PlayedAt = later, PlayCount = 1 };

        var (plan, results) = await ws.ExportAsync(_jf, _emby);

        Assert.Single(plan.Writes);
        Assert.Empty(_emby.Writes);
        Assert.Equal(1, Assert.Single(results, r => r.Backend == "emby").Dropped);
        var (next, _) = await ws.ExportAsync(_jf, _emby);
        Assert.Empty(next.Writes);
    }

    [Fact]
    public async Task A_write_already_on_the_server_is_recorded_exported_not_overtaken_and_not_sent_again()
    {
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby);

        // As after a kill -9 mid-batch: the write reached Emby, its outcome never reached the database.
        var (plan, results) = await ws.ExportAsync(() => _emby["e1"] = _emby["e1"] with { Played = true, PlayedAt = Played, PlayCount = 1 }, _jf, _emby);

        Assert.Single(plan.Writes);
        Assert.Empty(_emby.Writes);
        var emby = Assert.Single(results, r => r.Backend == "emby");
        Assert.Equal((1, 0), (emby.Done, emby.Dropped));
        Assert.Empty(await ws.OutboxAsync());
        Assert.Equal(1, await ws.CountAsync("SELECT count(*) FROM history WHERE backend = 'emby' AND applied = 1 AND reason LIKE 'exported:%'"));
        var (next, _) = await ws.ExportAsync(_jf, _emby);
        Assert.Empty(next.Writes);
    }

    [Fact]
    public async Task An_item_being_played_is_left_pending_and_not_written()
    {
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby);
        _emby.Playing.Add("e1");

        var (_, results) = await ws.ExportAsync(_jf, _emby);

        Assert.Empty(_emby.Writes);
        var pending = Assert.Single(await ws.OutboxAsync());
        Assert.Equal(0, pending.Attempts);
        Assert.Contains("being played", pending.LastError, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(results, r => r.Backend == "emby").Pending);
    }

    [Fact]
    public async Task Writes_to_many_items_are_checked_in_bulk_not_one_read_per_item()
    {
        for (var i = 0; i < 30; i++)
        {
            var imdb = $"tt10{i:00000}";
            _jf.AddMovie($"j{i + 2}", imdb, played: true, playedAt: Played);
            _emby.AddMovie($"e{i + 2}", imdb);
        }

        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby);

        var (plan, _) = await ws.ExportAsync(_jf, _emby);

        Assert.Equal(31, plan.Writes.Count);
        Assert.Equal(31, _emby.Writes.Count);
        Assert.Equal(2, _emby.Reads); // one check before the batch, one read-back after it
        Assert.All(_emby.Writes, w => Assert.Equal(RemoteWriteKind.MarkPlayed, w.Kind));
    }

    [Fact]
    public async Task Pruning_forgets_finished_writes_but_keeps_open_ones()
    {
        var plex = new FakeWriterServer("plex");
        _factory.Servers["plex"] = plex;
        plex.AddMovie("p1", "tt0133093");
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _emby, plex);
        _emby.Down = true;
        await ws.ExportAsync(_jf, _emby, plex);
        await using var connection = await ws.Database.OpenAsync(TestContext.Current.CancellationToken);
        var store = new OutboxStore(connection, "main");

        var pruned = await store.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, pruned);
        Assert.Equal("emby", Assert.Single(await ws.OutboxAsync()).Backend);
    }
}
