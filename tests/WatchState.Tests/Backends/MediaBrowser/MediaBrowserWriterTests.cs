using System.Globalization;
using System.Text;
using WatchState.Backends;
using WatchState.Backends.MediaBrowser;
using WatchState.Simulator;

namespace WatchState.Tests.Backends.MediaBrowser;

/// <summary>Jellyfin's and Emby's play-state writes and bulk reads, over HTTP against the simulator.</summary>
public class MediaBrowserWriterTests
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=136m
        movie "Inception" 2010 tmdb=27205 runtime=148m played=2023-05-01T10:00:00Z playcount=2
        movie "Heat" 1995 imdb=tt0113277 runtime=170m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
          s01e02 runtime=48m
        """;

    private static readonly DateTimeOffset PlayedAt = new(2024, 1, 5, 18, 21, 0, TimeSpan.Zero);

    private static CancellationToken Ct => BackendHarness.Ct;

    public static TheoryData<MediaBrowserFlavor> Flavors => [MediaBrowserFlavor.Jellyfin, MediaBrowserFlavor.Emby];

    [Theory]
    [MemberData(nameof(Flavors))]
    public async Task Mark_played_keeps_the_given_date(MediaBrowserFlavor flavor)
    {
        await using var h = await BackendHarness.StartAsync(Library, flavor);
        var id = h.Sim.ItemIdOf("The Matrix");

        await Writer(h).WriteAsync(new RemoteWrite(id, RemoteWriteKind.MarkPlayed, PlayedAt), Ct);

        var state = h.Sim.GetPlayState(h.Sim.AdminUserId, id);
        Assert.True(state.Played);
        Assert.Equal(PlayedAt, state.LastPlayed);
        Assert.Equal(1, state.PlayCount);
        var expected = flavor == MediaBrowserFlavor.Emby ? "DatePlayed=20240105182100" : "DatePlayed=2024-01-05T18%3A21%3A00Z";
        Assert.Equal([$"POST /Users/{h.Sim.AdminUserId}/PlayedItems/{id}?{expected}"], h.Sim.Writes);
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public async Task Mark_unplayed_clears_played_count_and_date(MediaBrowserFlavor flavor)
    {
        await using var h = await BackendHarness.StartAsync(Library, flavor);
        var id = h.Sim.ItemIdOf("Inception");

        await Writer(h).WriteAsync(new RemoteWrite(id, RemoteWriteKind.MarkUnplayed), Ct);

        var state = h.Sim.GetPlayState(h.Sim.AdminUserId, id);
        Assert.False(state.Played);
        Assert.Equal(0, state.PlayCount);
        Assert.Null(state.LastPlayed);
        Assert.StartsWith("DELETE ", Assert.Single(h.Sim.Writes), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public async Task Set_progress_is_read_back_in_milliseconds_with_the_runtime(MediaBrowserFlavor flavor)
    {
        await using var h = await BackendHarness.StartAsync(Library, flavor);
        var writer = Writer(h);
        var id = h.Sim.ItemIdOf("Heat");

        await writer.WriteAsync(new RemoteWrite(id, RemoteWriteKind.SetProgress, PlayedAt, PositionMs: 2_700_123), Ct);
        var item = Assert.Single(await writer.GetItemsAsync([id], Ct));

        Assert.Equal(2_700_123, item.ProgressMs);
        Assert.False(item.Played);
        Assert.Equal(PlayedAt, item.PlayedAt);
        Assert.Equal((long)TimeSpan.FromMinutes(170).TotalMilliseconds, item.DurationMs);
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public async Task Clear_progress_removes_the_resume_point_and_keeps_the_item_played(MediaBrowserFlavor flavor)
    {
        await using var h = await BackendHarness.StartAsync(Library, flavor);
        var writer = Writer(h);
        var id = h.Sim.ItemIdOf("Inception");
        h.Sim.SetPosition(h.Sim.AdminUserId, id, TimeSpan.FromMinutes(30));

        await writer.WriteAsync(new RemoteWrite(id, RemoteWriteKind.ClearProgress), Ct);

        var item = Assert.Single(await writer.GetItemsAsync([id], Ct));
        Assert.Equal(0, item.ProgressMs);
        Assert.True(item.Played);
        var expectedRoute = flavor == MediaBrowserFlavor.Emby ? "/PlayingItems/" : "/UserData";
        Assert.Contains(expectedRoute, Assert.Single(h.Sim.Writes), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public async Task Bulk_fetch_asks_for_a_hundred_ids_per_request(MediaBrowserFlavor flavor)
    {
        var library = new StringBuilder();
        for (var i = 1; i <= 250; i++)
        {
            library.AppendLine(CultureInfo.InvariantCulture, $"movie \"Movie {i}\" 2000 imdb=tt{i:D7}");
        }

        await using var h = await BackendHarness.StartAsync(SimLibrary.Parse(library.ToString()), flavor);
        var ids = Enumerable.Range(1, 250).Select(i => h.Sim.ItemIdOf($"Movie {i}")).ToList();
        var before = h.Sim.RequestCount;

        var items = await Writer(h).GetItemsAsync(ids, Ct);

        Assert.Equal(3, h.Sim.RequestCount - before);
        Assert.Equal(ids.Order(StringComparer.Ordinal), items.Select(i => i.RemoteId).Order(StringComparer.Ordinal));
        Assert.Empty(h.Sim.Writes);
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public async Task Unknown_ids_are_absent_and_episodes_carry_their_show_ids(MediaBrowserFlavor flavor)
    {
        await using var h = await BackendHarness.StartAsync(Library, flavor);
        var episode = h.Sim.ItemIdOf("Breaking Bad S01E02");
        var unknown = flavor == MediaBrowserFlavor.Emby ? "999999" : new string('f', 32);

        var items = await Writer(h).GetItemsAsync([episode, unknown, h.Sim.ItemIdOf("The Matrix")], Ct);

        Assert.Equal(2, items.Count);
        var found = Assert.Single(items, i => i.RemoteId == episode);
        Assert.Equal(2, found.Episode);
        Assert.Contains(found.ShowIds, x => x.ToString() == "tvdb://81189");
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public async Task Playing_lists_only_the_configured_users_sessions(MediaBrowserFlavor flavor)
    {
        await using var h = await BackendHarness.StartAsync(Library, flavor);
        var alice = h.Sim.UserIdOf("alice");
        var matrix = h.Sim.ItemIdOf("The Matrix");
        h.Sim.StartPlaying(h.Sim.AdminUserId, matrix, TimeSpan.FromMinutes(3));
        h.Sim.StartPlaying(alice, h.Sim.ItemIdOf("Heat"));

        var adminPlaying = await Writer(h).GetPlayingAsync(Ct);
        h.Sim.StopPlaying(h.Sim.AdminUserId, matrix);
        var afterStop = await Writer(h).GetPlayingAsync(Ct);

        Assert.Equal([matrix], adminPlaying);
        Assert.Empty(afterStop);
        Assert.Equal([h.Sim.ItemIdOf("Heat")], await Writer(h, user: alice).GetPlayingAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public async Task A_refused_write_raises_with_the_status(MediaBrowserFlavor flavor)
    {
        await using var h = await BackendHarness.StartAsync(Library, flavor);
        var id = h.Sim.ItemIdOf("The Matrix");
        h.Sim.Faults.FailStatus = 500;
        h.Sim.Faults.FailNextRequests = 100;

        var failed = await Assert.ThrowsAsync<MediaBrowserException>(
            () => Writer(h).WriteAsync(new RemoteWrite(id, RemoteWriteKind.MarkPlayed, PlayedAt), Ct));
        h.Sim.Faults.FailNextRequests = 0;
        var rejected = await Assert.ThrowsAsync<MediaBrowserException>(
            () => Writer(h, token: "wrong").WriteAsync(new RemoteWrite(id, RemoteWriteKind.MarkUnplayed), Ct));
        var missing = await Assert.ThrowsAsync<MediaBrowserException>(
            () => Writer(h).WriteAsync(new RemoteWrite(flavor == MediaBrowserFlavor.Emby ? "999999" : new string('f', 32), RemoteWriteKind.SetProgress, PositionMs: 1000), Ct));

        Assert.Equal(500, failed.StatusCode);
        Assert.Equal(401, rejected.StatusCode);
        Assert.Equal(404, missing.StatusCode);
        Assert.False(h.Sim.GetPlayState(h.Sim.AdminUserId, id).Played);
    }

    [Fact]
    public async Task Writes_act_for_the_configured_user_only()
    {
        await using var h = await BackendHarness.StartAsync(Library);
        var alice = h.Sim.UserIdOf("alice");
        var id = h.Sim.ItemIdOf("The Matrix");

        await Writer(h, user: alice).WriteAsync(new RemoteWrite(id, RemoteWriteKind.MarkPlayed, PlayedAt), Ct);

        Assert.True(h.Sim.GetPlayState(alice, id).Played);
        Assert.False(h.Sim.GetPlayState(h.Sim.AdminUserId, id).Played);
    }

    [Fact]
    public void Progress_body_carries_only_the_set_properties_like_the_watchstate_request()
    {
        var body = System.Text.Json.JsonSerializer.Serialize(
            new UserDataUpdateDto { PlaybackPositionTicks = 27_000_000_000, LastPlayedDate = PlayedAt },
            MediaBrowserJsonContext.Default.UserDataUpdateDto);

        // Same properties as fixtures/jellyfin/userdata-update-request.json; no "Played": null that could un-watch.
        Assert.Equal("""{"PlaybackPositionTicks":27000000000,"LastPlayedDate":"2024-01-05T18:21:00.0000000Z"}""", body);
        using var fixture = System.Text.Json.JsonDocument.Parse(Fixtures.Read("jellyfin/userdata-update-request.json"));
        using var ours = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(
            fixture.RootElement.EnumerateObject().Select(p => p.Name),
            ours.RootElement.EnumerateObject().Select(p => p.Name));
    }

    private static IPlayStateWriter Writer(BackendHarness h, string? token = null, string? user = null) =>
        Assert.IsAssignableFrom<IPlayStateWriter>(h.Client(token, user));
}
