using WatchState.Backends;
using WatchState.Backends.MediaBrowser;
using WatchState.Domain;
using WatchState.Simulator;
using static WatchState.Tests.Backends.MediaBrowser.LiveSocket;

namespace WatchState.Tests.Backends.MediaBrowser;

public sealed class MediaBrowserLiveEventsTests
{
    private static readonly DateTimeOffset PlayedAt = new(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin)]
    [InlineData(MediaBrowserFlavor.Emby)]
    public async Task Connecting_yields_connected_first_and_keeps_one_socket_open(MediaBrowserFlavor flavor)
    {
        await using var live = await StartAsync(flavor);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await using var events = await live.OpenAsync(live.Source(), stop.Token);

        Assert.Equal(1, live.Sim.SocketCount);
    }

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin)]
    [InlineData(MediaBrowserFlavor.Emby)]
    public async Task Marking_played_on_the_server_yields_the_items_state_as_an_import(MediaBrowserFlavor flavor)
    {
        await using var live = await StartAsync(flavor);
        await using var events = await live.OpenAsync(live.Source(), Ct);
        var matrix = live.Sim.ItemIdOf("The Matrix");

        live.Sim.MarkPlayed(live.Sim.AdminUserId, matrix, PlayedAt);

        var changed = await NextAsync(events);
        Assert.Equal("UserDataChanged", changed.Event);
        var movie = Only(changed, ObservationKind.Import);
        Assert.Equal(matrix, movie.RemoteId);
        Assert.True(movie.Played);
        Assert.Equal(PlayedAt, movie.PlayedAt);
        Assert.Contains(new ExternalId("imdb", "tt0133093"), movie.Ids);
    }

    [Fact]
    public async Task A_write_through_the_api_is_reported_too()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Jellyfin);
        var client = live.Client();
        await using var events = await live.OpenAsync((ILiveEventSource)client, Ct);
        var inception = live.Sim.ItemIdOf("Inception");

        await ((IPlayStateWriter)client).WriteAsync(new RemoteWrite(inception, RemoteWriteKind.SetProgress, PlayedAt, PositionMs: 1_800_000), Ct);

        var movie = Only(await NextAsync(events), ObservationKind.Import);
        Assert.Equal(inception, movie.RemoteId);
        Assert.Equal(1_800_000, movie.ProgressMs);
    }

    [Fact]
    public async Task Another_users_change_is_not_yielded()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Jellyfin);
        await using var events = await live.OpenAsync(live.Source(), Ct);
        var alice = live.Sim.UserIdOf("alice");

        live.Sim.MarkPlayed(alice, live.Sim.ItemIdOf("Inception"), PlayedAt);
        live.Sim.MarkPlayed(live.Sim.AdminUserId, live.Sim.ItemIdOf("The Matrix"), PlayedAt);

        // Alice's change is sent before or with the admin's; one more admin change makes sure it was passed over.
        var movie = Only(await NextAsync(events), ObservationKind.Import);
        Assert.Equal(live.Sim.ItemIdOf("The Matrix"), movie.RemoteId);
        live.Sim.MarkPlayed(live.Sim.AdminUserId, live.Sim.ItemIdOf("Breaking Bad S01E01"), PlayedAt);
        var episode = Only(await NextAsync(events), ObservationKind.Import);
        Assert.Equal(live.Sim.ItemIdOf("Breaking Bad S01E01"), episode.RemoteId);
    }

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin)]
    [InlineData(MediaBrowserFlavor.Emby)]
    public async Task A_playing_session_yields_live_positions_of_this_user_only(MediaBrowserFlavor flavor)
    {
        await using var live = await StartAsync(flavor);
        await using var events = await live.OpenAsync(live.Source(), Ct);
        var matrix = live.Sim.ItemIdOf("The Matrix");
        live.Sim.StartPlaying(live.Sim.UserIdOf("alice"), live.Sim.ItemIdOf("Inception"), TimeSpan.FromMinutes(30));

        live.Sim.StartPlaying(live.Sim.AdminUserId, matrix, TimeSpan.FromMinutes(10));
        var playing = await NextAsync(events);
        Assert.Equal("Sessions", playing.Event);
        var position = Only(playing, ObservationKind.Live);
        Assert.Equal(matrix, position.RemoteId);
        Assert.Equal(600_000, position.ProgressMs);
        Assert.Contains(new ExternalId("imdb", "tt0133093"), position.Ids);

        // A pause is reported at once, whatever the 10 s spacing of positions while playing.
        live.Sim.ReportPlaying(live.Sim.AdminUserId, matrix, TimeSpan.FromMinutes(12), paused: true);
        var paused = Only(await NextAsync(events), ObservationKind.Live);
        Assert.Equal(matrix, paused.RemoteId);
        Assert.Equal(720_000, paused.ProgressMs);
    }

    [Fact]
    public async Task A_stop_reports_the_last_position_and_then_the_saved_resume_point()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Jellyfin);
        await using var events = await live.OpenAsync(live.Source(), Ct);
        var matrix = live.Sim.ItemIdOf("The Matrix");
        live.Sim.StartPlaying(live.Sim.AdminUserId, matrix, TimeSpan.FromMinutes(10));
        Assert.Equal(600_000, Only(await NextAsync(events), ObservationKind.Live).ProgressMs);

        // Within 10 s of the last position: held back while playing, reported when the play stops.
        var sent = live.Sim.SocketSessionsSent;
        live.Sim.ReportPlaying(live.Sim.AdminUserId, matrix, TimeSpan.FromMinutes(11));

        // Two messages later, one was surely written after the report (one may have been on its way).
        await WaitUntilAsync(() => live.Sim.SocketSessionsSent > sent + 1);
        live.Sim.StopPlaying(live.Sim.AdminUserId, matrix, saveProgress: true);

        var seen = new List<Observation> { Assert.Single((await NextAsync(events)).Observations), Assert.Single((await NextAsync(events)).Observations) };
        Assert.Contains(seen, o => o is { Kind: ObservationKind.Live, ProgressMs: 660_000 });
        Assert.Contains(seen, o => o is { Kind: ObservationKind.Import, ProgressMs: 660_000, Played: false });
    }

    [Fact]
    public async Task Keep_alive_is_sent_at_half_the_servers_period()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Jellyfin, keepAlive: TimeSpan.FromSeconds(2));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var events = await live.OpenAsync(live.Source(), stop.Token);

        // Reading is what drives the client: ForceKeepAlive arrives as a frame.
        var reading = events.MoveNextAsync().AsTask();
        await WaitUntilAsync(() => live.Sim.SocketKeepAlives >= 2);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin)]
    [InlineData(MediaBrowserFlavor.Emby)]
    public async Task A_server_closing_the_socket_ends_the_stream_with_a_backend_error(MediaBrowserFlavor flavor)
    {
        await using var live = await StartAsync(flavor);
        await using var events = await live.OpenAsync(live.Source(), Ct);
        var reading = events.MoveNextAsync().AsTask();

        await live.Sim.CloseSocketsAsync(Ct);

        var error = await Assert.ThrowsAsync<MediaBrowserException>(() => reading);
        Assert.Contains("home", error.Message, StringComparison.Ordinal);
        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin)]
    [InlineData(MediaBrowserFlavor.Emby)]
    public async Task A_bad_token_is_a_clear_error_naming_the_backend_and_never_the_token(MediaBrowserFlavor flavor)
    {
        await using var live = await StartAsync(flavor);
        await using var events = live.Source(token: "secret-wrong-token").ListenAsync(Ct).GetAsyncEnumerator(Ct);

        var error = await Assert.ThrowsAsync<MediaBrowserException>(async () => await events.MoveNextAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("backend home", error.Message, StringComparison.Ordinal);
        Assert.Contains("token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-wrong-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_upgrade_is_a_backend_error_with_the_status()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Jellyfin);
        live.Sim.RefuseSockets = true;
        await using var events = live.Source().ListenAsync(Ct).GetAsyncEnumerator(Ct);

        var error = await Assert.ThrowsAsync<MediaBrowserException>(async () => await events.MoveNextAsync());

        Assert.Equal(503, error.StatusCode);
    }

    [Fact]
    public async Task A_frame_that_is_not_json_is_logged_and_skipped()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Jellyfin);
        await using var events = await live.OpenAsync(live.Source(), Ct);
        var reading = events.MoveNextAsync().AsTask();

        await live.Sim.SendSocketTextAsync("{not json", Ct);
        await live.Sim.SendSocketTextAsync("""{"MessageType":"UserDataChanged","Data":"oops"}""", Ct);
        live.Sim.MarkPlayed(live.Sim.AdminUserId, live.Sim.ItemIdOf("The Matrix"), PlayedAt);

        Assert.True(await reading);
        Assert.Equal("UserDataChanged", events.Current.Event);
        Assert.Equal(2, live.Logs.Lines.Count(l => l.Contains("skipped a web socket message", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Null_entries_and_entries_without_an_item_id_in_a_change_list_are_skipped_and_the_rest_is_read()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Jellyfin);
        await using var events = await live.OpenAsync(live.Source(), Ct);
        var inception = live.Sim.ItemIdOf("Inception");

        await live.Sim.SendSocketTextAsync(
            $$$"""{"MessageType":"UserDataChanged","Data":{"UserId":"{{{live.Sim.AdminUserId}}}","UserDataList":[null,{"Played":true},{"ItemId":null},{"ItemId":"{{{inception}}}"}]}}""",
            Ct);

        var movie = Only(await NextAsync(events), ObservationKind.Import);
        Assert.Equal(inception, movie.RemoteId);
        Assert.Equal(1, live.Sim.SocketCount);
    }

    [Fact]
    public async Task A_null_session_in_a_sessions_message_is_skipped_and_the_listener_goes_on()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Jellyfin);
        await using var events = await live.OpenAsync(live.Source(), Ct);
        var reading = events.MoveNextAsync().AsTask();

        await live.Sim.SendSocketTextAsync("""{"MessageType":"Sessions","Data":[null,{"UserId":null}]}""", Ct);
        await live.Sim.SendSocketTextAsync("""{"MessageType":"UserDataChanged","Data":{"UserId":null,"UserDataList":null}}""", Ct);
        live.Sim.MarkPlayed(live.Sim.AdminUserId, live.Sim.ItemIdOf("The Matrix"), PlayedAt);

        Assert.True(await reading);
        Assert.Equal("UserDataChanged", events.Current.Event);
        Assert.Equal(live.Sim.ItemIdOf("The Matrix"), Only(events.Current, ObservationKind.Import).RemoteId);
    }

    [Fact]
    public async Task Emby_under_its_emby_base_path_is_reached_the_same_way()
    {
        await using var live = await StartAsync(MediaBrowserFlavor.Emby);
        var source = live.Source(url: new Uri(live.Sim.BaseUrl, "emby/"));
        await using var events = await live.OpenAsync(source, Ct);

        live.Sim.MarkPlayed(live.Sim.AdminUserId, live.Sim.ItemIdOf("Breaking Bad S01E02"), PlayedAt);

        var episode = Only(await NextAsync(events), ObservationKind.Import);
        Assert.Equal(MediaType.Episode, episode.Type);
        Assert.Contains(live.Sim.RequestLog, l => l.StartsWith("GET /emby/embywebsocket?", StringComparison.Ordinal));
    }
}
