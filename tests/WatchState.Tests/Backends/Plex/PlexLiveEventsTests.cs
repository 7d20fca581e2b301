using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Live;
using WatchState.Storage;
using WatchState.Tests.Webhooks;
using WatchState.Webhooks;

namespace WatchState.Tests.Backends.Plex;

/// <summary>Plex's <c>/:/websockets/notifications</c> over real sockets to the simulator.</summary>
public sealed class PlexLiveEventsTests
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=136m
        movie "Heat" 1995 imdb=tt0113277 runtime=170m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
        """;

    private static CancellationToken Ct => PlexHarness.Ct;

    [Fact]
    public async Task The_owners_session_gives_a_live_position_after_the_connection_opens()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        await using var live = Listening.Start(h.Client(user: "1"));
        Assert.Equal(LiveEvent.ConnectedEvent, (await live.NextAsync()).Event);

        var matrix = h.Sim.RatingKeyOf("The Matrix");
        h.Sim.StartPlaying("admin", matrix, TimeSpan.FromMinutes(2));

        var playing = await live.NextAsync();
        Assert.Equal("playing", playing.Event);
        var position = Assert.Single(playing.Observations);
        Assert.Equal(matrix, position.RemoteId);
        Assert.Equal(ObservationKind.Live, position.Kind);
        Assert.Equal(120_000, position.ProgressMs);
        Assert.Contains(new ExternalId("imdb", "tt0133093"), position.Ids);
    }

    [Fact]
    public async Task Another_users_session_is_not_reported()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        await using var owner = Listening.Start(h.Client(user: "1"));
        var aliceId = h.Sim.AccountIdOf("alice").ToString(CultureInfo.InvariantCulture);
        await using var alice = Listening.Start(
            h.Client(token: h.Sim.TokenOf("alice"), options: new() { [PlexOptions.AdminToken] = h.Sim.AdminToken }, user: aliceId));
        await owner.NextAsync();
        await alice.NextAsync();

        var matrix = h.Sim.RatingKeyOf("The Matrix");
        var heat = h.Sim.RatingKeyOf("Heat");
        h.Sim.StartPlaying("alice", heat, TimeSpan.FromMinutes(1));
        h.Sim.StartPlaying("admin", matrix, TimeSpan.FromMinutes(3));

        // Frames arrive in order: the first position each hears is its own user's, the other one was skipped.
        Assert.Equal(matrix, Assert.Single((await owner.NextAsync()).Observations).RemoteId);
        var heard = Assert.Single((await alice.NextAsync()).Observations);
        Assert.Equal(heat, heard.RemoteId);
        Assert.Equal(60_000, heard.ProgressMs);
        h.Sim.StartPlaying("admin", h.Sim.RatingKeyOf("Breaking Bad S01E01"), TimeSpan.FromMinutes(5));
        h.Sim.StopPlaying("alice", heat);
        Assert.Equal("stopped", (await alice.NextAsync()).Event);
    }

    [Fact]
    public async Task Repeated_reports_give_one_position_until_the_state_changes()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        await using var live = Listening.Start(h.Client(user: "1"));
        await live.NextAsync();
        var matrix = h.Sim.RatingKeyOf("The Matrix");

        h.Sim.StartPlaying("admin", matrix, TimeSpan.FromMinutes(1));
        h.Sim.ReportPlaying("admin", matrix, TimeSpan.FromMinutes(1.5));
        h.Sim.ReportPlaying("admin", matrix, TimeSpan.FromMinutes(2), "paused");

        Assert.Equal(60_000, Assert.Single((await live.NextAsync()).Observations).ProgressMs);

        // The harness clock stands still, so the 1.5 min report fell within the quiet time; the pause did not.
        Assert.Equal(120_000, Assert.Single((await live.NextAsync()).Observations).ProgressMs);
    }

    [Fact]
    public async Task A_players_timeline_report_moves_the_live_position()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        await using var live = Listening.Start(h.Client(user: "1"));
        await live.NextAsync();
        var heat = h.Sim.RatingKeyOf("Heat");
        h.Sim.StartPlaying("admin", heat, TimeSpan.FromMinutes(1));
        await live.NextAsync();

        using var http = new HttpClient();
        using var report = new HttpRequestMessage(
            HttpMethod.Post, new Uri(h.Sim.BaseUrl, $":/timeline?ratingKey={heat}&key=%2Flibrary%2Fmetadata%2F{heat}&state=paused&time=300000&duration=10200000"));
        report.Headers.Add("X-Plex-Token", h.Sim.AdminToken);
        report.Headers.Add("X-Plex-Client-Identifier", "test-player");
        using var answer = await http.SendAsync(report, Ct);
        answer.EnsureSuccessStatusCode();

        Assert.Equal(300_000, Assert.Single((await live.NextAsync()).Observations).ProgressMs);
    }

    [Fact]
    public async Task A_stop_after_a_scrobble_re_reads_the_item_as_played()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        await using var live = Listening.Start(h.Client(user: "1"));
        await live.NextAsync();
        var matrix = h.Sim.RatingKeyOf("The Matrix");

        h.Sim.StartPlaying("admin", matrix, TimeSpan.FromMinutes(130));
        h.Sim.Scrobble("admin", matrix);
        h.Sim.StopPlaying("admin", matrix);

        var stopped = await live.NextAsync("stopped");
        var item = Assert.Single(stopped.Observations);
        Assert.Equal(ObservationKind.Import, item.Kind);
        Assert.True(item.Played);
        Assert.Equal(1, item.PlayCount);
    }

    [Fact]
    public async Task Mark_played_and_unplayed_through_the_api_are_heard_from_the_timeline()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        var client = h.Client(user: "1");
        await using var live = Listening.Start(client);
        await live.NextAsync();
        var matrix = h.Sim.RatingKeyOf("The Matrix");

        await client.WriteAsync(new RemoteWrite(matrix, RemoteWriteKind.MarkPlayed, null), Ct);
        var played = Assert.Single((await live.NextAsync("timeline")).Observations);
        await client.WriteAsync(new RemoteWrite(matrix, RemoteWriteKind.MarkUnplayed, null), Ct);
        var unplayed = Assert.Single((await live.NextAsync("timeline")).Observations);

        Assert.Equal((matrix, ObservationKind.Import, true), (played.RemoteId, played.Kind, played.Played));
        Assert.Equal((matrix, ObservationKind.Import, false), (unplayed.RemoteId, unplayed.Kind, unplayed.Played));
    }

    [Fact]
    public async Task A_frame_that_is_no_notification_is_logged_and_skipped()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        await using var live = Listening.Start(h.Client(user: "1"));
        await live.NextAsync();

        h.Sim.SendLiveFrame("{\"NotificationContainer\": not json");
        h.Sim.SendLiveFrame("[1,2,3]");
        h.Sim.StartPlaying("admin", h.Sim.RatingKeyOf("Heat"), TimeSpan.FromMinutes(4));

        Assert.Equal(240_000, Assert.Single((await live.NextAsync()).Observations).ProgressMs);
        Assert.Equal(2, h.Logs.Lines.Count(l => l.Contains("no notification", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_bad_token_fails_with_an_error_naming_the_backend()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        var client = h.Client(token: "wrong-token");

        var error = await Assert.ThrowsAnyAsync<BackendException>(async () =>
        {
            await foreach (var _ in client.ListenAsync(Ct))
            {
            }
        });

        Assert.Equal("plex", error.Backend);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("refused the token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_server_closes_the_sockets_the_listener_connects_again()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        await using var webhooks = await WebhookHarness.CreateAsync();
        var backend = new BackendConfig { Name = "plex", Type = BackendType.Plex, Url = h.Sim.BaseUrl, Token = h.Sim.AdminToken, User = "1" };
        var status = new LiveStatus();
        var listener = new LiveListener(
            backend,
            h.Client(user: "1"),
            ["1"],
            webhooks.Services.GetRequiredService<InboxStore>(),
            webhooks.Services.GetRequiredService<WebhookSignal>(),
            status,
            TimeProvider.System,
            NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = listener.RunAsync(stop.Token);
        await WaitUntilAsync(() => status.Find("plex") is { Connected: true } && h.Sim.LiveConnections == 1);

        h.Sim.RefuseLiveConnections = true;
        h.Sim.CloseLiveConnections();
        await WaitUntilAsync(() => status.Find("plex") is { Connected: false });
        Assert.Contains("closed the connection", status.Find("plex")!.Error, StringComparison.Ordinal);

        h.Sim.RefuseLiveConnections = false;
        await WaitUntilAsync(() => status.Find("plex") is { Connected: true } && h.Sim.LiveConnections == 1);
        h.Sim.StartPlaying("admin", h.Sim.RatingKeyOf("The Matrix"), TimeSpan.FromMinutes(7));
        await WaitUntilAsync(() => status.Find("plex") is { Events: 1 });
        var stored = Assert.Single(await webhooks.Inbox.ListAsync(null, 10, Ct));
        Assert.Equal("plex.live", stored.Source);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task The_simulator_also_takes_the_token_in_the_query_and_refuses_a_bad_one_before_the_upgrade()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        var address = PlexLiveEvents.SocketAddress(h.Sim.BaseUrl);

        using var good = new System.Net.WebSockets.ClientWebSocket();
        await good.ConnectAsync(new Uri(address + "?X-Plex-Token=" + h.Sim.AdminToken), Ct);
        h.Sim.StartPlaying("admin", h.Sim.RatingKeyOf("Heat"));
        var buffer = new byte[4096];
        var frame = await good.ReceiveAsync(buffer, Ct);
        Assert.Contains("\"PlaySessionStateNotification\"", System.Text.Encoding.UTF8.GetString(buffer, 0, frame.Count), StringComparison.Ordinal);
        await good.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", Ct);

        using var bad = new System.Net.WebSockets.ClientWebSocket();
        bad.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => bad.ConnectAsync(new Uri(address + "?X-Plex-Token=nope"), Ct));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, bad.HttpStatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:32400", "ws://127.0.0.1:32400/:/websockets/notifications")]
    [InlineData("https://plex.example.net/base/?x=1", "wss://plex.example.net/base/:/websockets/notifications")]
    public void The_socket_address_follows_the_server_url(string url, string expected) =>
        Assert.Equal(new Uri(expected), PlexLiveEvents.SocketAddress(new Uri(url)));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Runs a live stream in the background; the test reads what it yielded, in order.</summary>
    private sealed class Listening : IAsyncDisposable
    {
        private readonly Channel<LiveEvent> _events = Channel.CreateUnbounded<LiveEvent>();
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        public static Listening Start(ILiveEventSource source)
        {
            var listening = new Listening();
            listening._run = Task.Run(() => listening.PumpAsync(source), CancellationToken.None);
            return listening;
        }

        public async Task<LiveEvent> NextAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            return await _events.Reader.ReadAsync(timeout.Token);
        }

        public async Task<LiveEvent> NextAsync(string name)
        {
            while (true)
            {
                var next = await NextAsync();
                if (next.Event == name)
                {
                    return next;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }

        private async Task PumpAsync(ILiveEventSource source)
        {
            try
            {
                await foreach (var live in source.ListenAsync(_stop.Token))
                {
                    await _events.Writer.WriteAsync(live, _stop.Token);
                }

                _events.Writer.TryComplete();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                _events.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _events.Writer.TryComplete(e);
            }
        }
    }
}
