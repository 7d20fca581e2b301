using System.Globalization;
using System.Text;
using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Tests.Simulator;

namespace WatchState.Tests.Backends.Plex;

/// <summary>Plex's play-state writes and bulk reads, over HTTP against the simulator, per token.</summary>
public class PlexWriterTests
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=136m
        movie "Inception" 2010 tmdb=27205 runtime=148m played=2023-05-01T10:00:00Z playcount=2
        movie "Heat" 1995 imdb=tt0113277 runtime=170m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
          s01e02 runtime=48m
        """;

    /// <summary>The simulated server's clock; Plex stamps its own "now" on every mark played.</summary>
    private static readonly DateTimeOffset ServerNow = new(2031, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static readonly DateTimeOffset PlayedAt = new(2024, 1, 5, 18, 21, 0, TimeSpan.Zero);

    private static CancellationToken Ct => PlexHarness.Ct;

    [Fact]
    public async Task Mark_played_is_dated_now_by_the_server_whatever_date_is_asked()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var key = h.Sim.RatingKeyOf("The Matrix");

        await client.WriteAsync(new RemoteWrite(key, RemoteWriteKind.MarkPlayed, PlayedAt), Ct);

        var item = Assert.Single(await client.GetItemsAsync([key], Ct));
        Assert.True(item.Played);
        Assert.Equal(ServerNow, item.PlayedAt);
        Assert.Equal(1, item.PlayCount);
        Assert.Equal([$"GET /:/scrobble?identifier=com.plexapp.plugins.library&key={key}"], h.Sim.Writes);
    }

    [Fact]
    public async Task Mark_unplayed_removes_count_and_date()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var key = h.Sim.RatingKeyOf("Inception");

        await client.WriteAsync(new RemoteWrite(key, RemoteWriteKind.MarkUnplayed), Ct);

        var item = Assert.Single(await client.GetItemsAsync([key], Ct));
        Assert.False(item.Played);
        Assert.Equal(0, item.PlayCount);
        Assert.Null(item.PlayedAt);
    }

    [Fact]
    public async Task Set_progress_with_a_known_duration_is_one_timeline_call_and_reads_back()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var key = h.Sim.RatingKeyOf("Heat");
        var duration = (long)TimeSpan.FromMinutes(170).TotalMilliseconds;

        await client.WriteAsync(new RemoteWrite(key, RemoteWriteKind.SetProgress, PositionMs: 2_700_000, DurationMs: duration), Ct);

        var write = Assert.Single(h.Sim.Writes);
        Assert.StartsWith("POST /:/timeline?ratingKey=" + key, write, StringComparison.Ordinal);
        Assert.Contains("&state=stopped&time=2700000&duration=" + duration.ToString(CultureInfo.InvariantCulture), write, StringComparison.Ordinal);
        var item = Assert.Single(await client.GetItemsAsync([key], Ct));
        Assert.Equal(2_700_000, item.ProgressMs);
        Assert.False(item.Played);
        Assert.Equal(duration, item.DurationMs);
    }

    [Fact]
    public async Task Set_progress_without_a_duration_reads_it_from_the_item_first()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var key = h.Sim.RatingKeyOf("Breaking Bad S01E02");
        var before = h.Sim.RequestLog.Count;

        await client.WriteAsync(new RemoteWrite(key, RemoteWriteKind.SetProgress, PositionMs: 600_000), Ct);

        var requests = h.Sim.RequestLog.Skip(before).ToList();
        Assert.Equal(2, requests.Count);
        Assert.StartsWith($"GET /library/metadata/{key}?", requests[0], StringComparison.Ordinal);
        Assert.Contains("&duration=" + (48 * 60_000).ToString(CultureInfo.InvariantCulture), requests[1], StringComparison.Ordinal);
        Assert.Equal(600_000, Assert.Single(await client.GetItemsAsync([key], Ct)).ProgressMs);
    }

    [Fact]
    public async Task Clear_progress_removes_the_resume_point_and_keeps_the_item_watched()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var key = h.Sim.RatingKeyOf("Inception");
        h.Sim.SetProgress("admin", key, TimeSpan.FromMinutes(20));

        await client.WriteAsync(new RemoteWrite(key, RemoteWriteKind.ClearProgress), Ct);

        var item = Assert.Single(await client.GetItemsAsync([key], Ct));
        Assert.Equal(0, item.ProgressMs);
        Assert.True(item.Played);
    }

    [Fact]
    public async Task Bulk_fetch_asks_for_a_hundred_keys_per_request()
    {
        var library = new StringBuilder();
        for (var i = 1; i <= 250; i++)
        {
            library.AppendLine(CultureInfo.InvariantCulture, $"movie \"Movie {i}\" 2000 imdb=tt{i:D7}");
        }

        await using var h = await PlexHarness.StartAsync(library.ToString());
        var keys = Enumerable.Range(1, 250).Select(i => h.Sim.RatingKeyOf($"Movie {i}")).ToList();
        var before = h.Sim.RequestCount;

        var items = await h.Client().GetItemsAsync(keys, Ct);

        Assert.Equal(3, h.Sim.RequestCount - before);
        Assert.Equal(keys.Order(StringComparer.Ordinal), items.Select(i => i.RemoteId).Order(StringComparer.Ordinal));
        Assert.Contains(items, i => i.Ids.Any(x => x.ToString() == "imdb://tt0000250"));
        Assert.Empty(h.Sim.Writes);
    }

    [Fact]
    public async Task Unknown_keys_are_absent_and_episodes_carry_their_show_ids_from_one_extra_request()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var e1 = h.Sim.RatingKeyOf("Breaking Bad S01E01");
        var e2 = h.Sim.RatingKeyOf("Breaking Bad S01E02");
        var before = h.Sim.RequestCount;

        var items = await client.GetItemsAsync([e1, e2, "999999", h.Sim.RatingKeyOf("Heat")], Ct);
        var none = await client.GetItemsAsync(["999998", "999999"], Ct);

        // The first call: the items, then their show. The second: a 404 for the list, then each key on its own (as
        // PMS may answer 404 for a whole list when one key is gone).
        Assert.Equal(2 + 3, h.Sim.RequestCount - before);
        Assert.Equal(3, items.Count);
        Assert.All(items.Where(i => i.Type == Domain.MediaType.Episode), e => Assert.Contains(e.ShowIds, x => x.ToString() == "tvdb://81189"));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Playing_is_filtered_by_the_configured_user_with_the_owner_also_known_as_local_account_1()
    {
        await using var h = await StartAsync();
        var alice = h.Sim.TokenOf("alice");
        var matrix = h.Sim.RatingKeyOf("The Matrix");
        var heat = h.Sim.RatingKeyOf("Heat");
        h.Sim.StartPlaying("admin", matrix, TimeSpan.FromMinutes(2));
        h.Sim.StartPlaying("alice", heat);
        var aliceId = h.Sim.AccountIdOf("alice").ToString(CultureInfo.InvariantCulture);

        var owner = await h.Client(user: "1").GetPlayingAsync(Ct);
        var ownerSeesAll = await h.Client().GetPlayingAsync(Ct);
        var ownerByPlexTvId = await h.Client(user: "11111111").GetPlayingAsync(Ct);
        var aliceAsAdded = await h.Client(
            token: alice, options: new() { [PlexOptions.AdminToken] = h.Sim.AdminToken }, user: aliceId).GetPlayingAsync(Ct);
        var aliceOwnToken = await h.Client(token: alice).GetPlayingAsync(Ct);
        h.Sim.StopPlaying("admin", matrix);
        var afterStop = await h.Client(user: "1").GetPlayingAsync(Ct);

        Assert.Equal([matrix], owner);
        Assert.Equal(new[] { heat, matrix }.Order(StringComparer.Ordinal), ownerSeesAll.Order(StringComparer.Ordinal));
        Assert.Equal([matrix], ownerByPlexTvId);
        Assert.Equal([heat], aliceAsAdded);
        Assert.Equal([heat], aliceOwnToken);
        Assert.Empty(afterStop);
    }

    [Fact]
    public async Task A_write_with_one_users_token_leaves_other_users_untouched()
    {
        await using var h = await StartAsync();
        var aliceClient = h.Client(token: h.Sim.TokenOf("alice"));
        var key = h.Sim.RatingKeyOf("The Matrix");

        await aliceClient.WriteAsync(new RemoteWrite(key, RemoteWriteKind.MarkPlayed), Ct);
        await aliceClient.WriteAsync(new RemoteWrite(h.Sim.RatingKeyOf("Inception"), RemoteWriteKind.MarkUnplayed), Ct);

        Assert.True(Assert.Single(await aliceClient.GetItemsAsync([key], Ct)).Played);
        Assert.False(Assert.Single(await h.Client().GetItemsAsync([key], Ct)).Played);
        Assert.True(Assert.Single(await h.Client().GetItemsAsync([h.Sim.RatingKeyOf("Inception")], Ct)).Played);
    }

    [Fact]
    public async Task A_refused_write_raises_with_the_status()
    {
        await using var h = await StartAsync();
        var key = h.Sim.RatingKeyOf("The Matrix");
        h.Sim.Faults.FailStatus = 500;
        h.Sim.Faults.FailNextRequests = 100;

        var failed = await Assert.ThrowsAsync<PlexException>(() => h.Client().WriteAsync(new RemoteWrite(key, RemoteWriteKind.MarkPlayed), Ct));
        h.Sim.Faults.FailNextRequests = 0;
        var rejected = await Assert.ThrowsAsync<PlexException>(
            () => h.Client(token: "wrong").WriteAsync(new RemoteWrite(key, RemoteWriteKind.MarkPlayed), Ct));
        var missing = await Assert.ThrowsAsync<PlexException>(
            () => h.Client().WriteAsync(new RemoteWrite("999999", RemoteWriteKind.MarkUnplayed), Ct));
        var missingProgress = await Assert.ThrowsAsync<PlexException>(
            () => h.Client().WriteAsync(new RemoteWrite("999999", RemoteWriteKind.SetProgress, PositionMs: 1000), Ct));

        Assert.Equal(500, failed.StatusCode);
        Assert.Equal(401, rejected.StatusCode);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal(404, missingProgress.StatusCode);
        Assert.False(Assert.Single(await h.Client().GetItemsAsync([key], Ct)).Played);
    }

    [Fact]
    public void Session_users_are_read_from_the_status_sessions_fixture()
    {
        var container = System.Text.Json.JsonSerializer.Deserialize(
            Fixtures.Read("plex/status-sessions.json"), PlexJsonContext.Default.PlexResponseDto)!.MediaContainer!;

        Assert.Equal(["1", "22222222"], container.Metadata!.Select(m => m.User?.Id));
        Assert.Equal(["1", "5"], container.Metadata!.Select(m => m.RatingKey));
    }

    private static Task<PlexHarness> StartAsync() => PlexHarness.StartAsync(Library, clock: new ManualClock(ServerNow));

    [Fact]
    public async Task A_failed_write_is_not_retried_by_the_http_layer_but_a_failed_read_is()
    {
        await using var h = await StartAsync();
        var key = h.Sim.RatingKeyOf("The Matrix");
        h.Sim.Faults.FailStatus = 503;
        h.Sim.Faults.FailNextRequests = 1;

        var failed = await Assert.ThrowsAsync<PlexException>(() => h.Client().WriteAsync(new RemoteWrite(key, RemoteWriteKind.MarkPlayed), Ct));
        h.Sim.Faults.FailNextRequests = 1;
        var read = await h.Client().GetItemsAsync([key], Ct);

        Assert.Equal(503, failed.StatusCode);
        Assert.Single(h.Sim.Writes);
        Assert.False(Assert.Single(read).Played);
    }
}
