using WatchState.Backends;
using WatchState.Export;
using WatchState.Sync;

namespace WatchState.Tests.Sync;

/// <summary>
/// The outbox against a server that dates plays itself, as Plex does: a scrobble that landed before a kill is told
/// apart from the user's own change on Plex by when it is dated, not by the date the write carried.
/// </summary>
public sealed class PlexOutboxTests : IDisposable
{
    private static readonly DateTimeOffset Played = new(2024, 3, 1, 20, 0, 0, TimeSpan.Zero);
    private const long TwentyMinutes = 20 * 60_000;
    private readonly TempDirectory _folder = new();
    private readonly FakeServerFactory _factory = new();
    private readonly FakeWriterServer _jf = new("jf");
    private readonly FakeWriterServer _plex = new("plex") { Type = BackendType.Plex };

    public PlexOutboxTests()
    {
        _factory.Servers["jf"] = _jf;
        _factory.Servers["plex"] = _plex;
        _jf.AddMovie("j1", "tt0133093", played: true, playedAt: Played);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_scrobble_that_landed_before_a_kill_is_recorded_exported_although_plex_dated_it_now()
    {
        _plex.AddMovie("p1", "tt0133093");
        await using (var killed = new OutboxHarness(_folder, _factory))
        {
            await killed.ImportAsync(_jf, _plex);
            Assert.Single((await killed.QueueAsync(_jf, _plex)).Writes);
        }

        // The scrobble reached Plex, which dated it with its own clock; the run died before recording it.
        _plex["p1"] = FakeWriterServer.Scrobbled(_plex["p1"]);
        await using var restarted = new OutboxHarness(_folder, _factory);
        var (_, results) = await restarted.ExportAsync(_jf, _plex);

        Assert.Empty(_plex.Writes);
        Assert.Equal(1, _plex["p1"].PlayCount);
        var plex = Assert.Single(results, r => r.Backend == "plex");
        Assert.Equal((1, 0), (plex.Done, plex.Dropped));
        Assert.Equal(1, await restarted.CountAsync("SELECT count(*) FROM history WHERE backend = 'plex' AND applied = 1 AND reason LIKE 'exported:%'"));
        Assert.Equal(0, await restarted.CountAsync("SELECT count(*) FROM outbox WHERE status = 'dropped'"));
        var (next, _) = await restarted.ExportAsync(_jf, _plex);
        Assert.Empty(next.Writes);
    }

    [Fact]
    public async Task A_play_on_plex_from_before_the_write_was_queued_overtakes_the_write()
    {
        _plex.AddMovie("p1", "tt0133093");
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _plex);

        // Watched on Plex since the last import, before this export queued anything.
        _plex["p1"] = _plex["p1"] with { Played = true, PlayedAt = TruncatedNow().AddMinutes(-10), PlayCount = 1 };
        var (plan, results) = await ws.ExportAsync(_jf, _plex);

        await AssertOvertakenAsync(ws, plan, results);
        Assert.Equal(0, await ws.CountAsync("SELECT count(*) FROM history WHERE backend = 'plex' AND reason LIKE 'exported:%'"));
    }

    [Fact]
    public async Task Marking_an_item_with_a_resume_point_unplayed_on_plex_overtakes_a_mark_played()
    {
        _plex.AddMovie("p1", "tt0133093", progressMs: TwentyMinutes);
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _plex);

        // Plex's "mark as unwatched" also drops the resume point.
        var (plan, results) = await ws.ExportAsync(() => _plex["p1"] = _plex["p1"] with { ProgressMs = 0, PlayedAt = null }, _jf, _plex);

        Assert.Equal(RemoteWriteKind.MarkPlayed, Assert.Single(plan.Writes).Write.Kind);
        await AssertOvertakenAsync(ws, plan, results);
    }

    [Fact]
    public async Task Marking_a_played_item_unplayed_on_plex_overtakes_clearing_its_leftover_resume_point()
    {
        // Played on Plex before the newer play on Jellyfin, with a resume point left from before: the plan clears it.
        _plex.AddMovie("p1", "tt0133093", played: true, playedAt: Played.AddDays(-30), progressMs: TwentyMinutes);
        await using var ws = new OutboxHarness(_folder, _factory);
        await ws.ImportAsync(_jf, _plex);

        // Meanwhile the user marks it unwatched on Plex: no resume point either, but not because of our write.
        var (plan, results) = await ws.ExportAsync(
            () => _plex["p1"] = _plex["p1"] with { Played = false, PlayedAt = null, ProgressMs = 0, PlayCount = 0 }, _jf, _plex);

        Assert.Equal(RemoteWriteKind.ClearProgress, Assert.Single(plan.Writes).Write.Kind);
        await AssertOvertakenAsync(ws, plan, results);
        Assert.Equal(0, await ws.CountAsync("SELECT count(*) FROM history WHERE backend = 'plex' AND reason LIKE 'exported:%'"));
    }

    private async Task AssertOvertakenAsync(OutboxHarness ws, ExportPlan plan, IReadOnlyList<DrainResult> results)
    {
        Assert.Single(plan.Writes);
        Assert.Empty(_plex.Writes);
        var plex = Assert.Single(results, r => r.Backend == "plex");
        Assert.Equal((0, 1), (plex.Done, plex.Dropped));
        Assert.Equal(1, await ws.CountAsync($"SELECT count(*) FROM outbox WHERE status = 'dropped' AND last_error = '{OutboxBatch.Overtaken}'"));
    }

    private static DateTimeOffset TruncatedNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
