using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Live;
using WatchState.Storage;
using WatchState.Tests.Webhooks;
using WatchState.Webhooks;

namespace WatchState.Tests.Live;

public sealed class LiveListenerTests
{
    private static readonly BackendConfig Jellyfin = new()
    {
        Name = "jellyfin",
        Type = BackendType.Jellyfin,
        Url = new Uri("http://127.0.0.1:9"),
        Token = "jf-token",
        Uuid = "a7fc5094cc8546ef876d29f90b2db025",
        User = "8b3927ec-daff-469c-9499-74a42fe1ff5d",
    };

    [Fact]
    public async Task A_live_event_is_stored_in_the_inbox_and_applied_to_the_backend_of_its_user()
    {
        await using var harness = await WebhookHarness.CreateAsync();
        var source = new ScriptedSource();
        var status = new LiveStatus();
        using var stop = new CancellationTokenSource();
        var listener = NewListener(harness, source, status);
        var run = listener.RunAsync(stop.Token);

        await source.Writer.WriteAsync(LiveEvent.Connected, TestContext.Current.CancellationToken);
        await source.Writer.WriteAsync(new LiveEvent("UserDataChanged", [Movie(played: true)]), TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => status.Find("jellyfin") is { Events: 1 });

        var entry = Assert.Single(await harness.Inbox.ListAsync(null, 10, TestContext.Current.CancellationToken));
        Assert.Equal("jellyfin.live", entry.Source);
        Assert.Equal("UserDataChanged", entry.Event);
        Assert.True(status.Find("jellyfin")!.Connected);

        await harness.Processor.ProcessPendingAsync(TestContext.Current.CancellationToken);
        var applied = await harness.Inbox.GetAsync(entry.Id, TestContext.Current.CancellationToken);
        Assert.Equal(InboxStatus.Applied, applied!.Status);
        Assert.Equal("jellyfin", applied.Backends);
        Assert.Equal((true, 0L), await harness.ItemAsync("jellyfin", "movie-1"));

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_dropped_connection_is_reported_and_opened_again()
    {
        await using var harness = await WebhookHarness.CreateAsync();
        var source = new ScriptedSource();
        var status = new LiveStatus();
        using var stop = new CancellationTokenSource();
        var run = NewListener(harness, source, status).RunAsync(stop.Token);

        await source.Writer.WriteAsync(LiveEvent.Connected, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => status.Find("jellyfin") is { Connected: true });
        source.Drop(new BackendException("jellyfin", "web socket closed: server going down"));
        await WaitUntilAsync(() => status.Find("jellyfin") is { Connected: false });
        Assert.Contains("server going down", status.Find("jellyfin")!.Error, StringComparison.Ordinal);

        // After the first backoff step (1 s) the listener connects again.
        await WaitUntilAsync(() => source.Connections == 2);
        await source.Writer.WriteAsync(LiveEvent.Connected, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => status.Find("jellyfin") is { Connected: true });

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public void Backoff_doubles_to_a_minute_and_resets()
    {
        var backoff = new LiveBackoff();
        var waits = Enumerable.Range(0, 9).Select(_ => backoff.Take().TotalSeconds).ToList();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Take());
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("yes", true)]
    public void Live_is_on_unless_switched_off(string? value, bool expected)
    {
        var backend = Jellyfin with
        {
            Options = value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["LIVE"] = value },
        };
        Assert.Equal(expected, LiveSettings.IsEnabled(backend));
    }

    [Fact]
    public void A_bad_live_switch_names_the_backend_and_the_value()
    {
        var backend = Jellyfin with { Options = new Dictionary<string, string> { ["LIVE"] = "maybe" } };
        var error = Assert.Throws<ConfigException>(() => LiveSettings.IsEnabled(backend));
        Assert.Contains("jellyfin", error.Message, StringComparison.Ordinal);
        Assert.Contains("maybe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_live_event_reads_back_as_it_was()
    {
        var parsed = new ParsedWebhook("plex.live", "playing", BackendType.Plex, "uuid", "1", [Movie(played: false) with { ProgressMs = 1234, Kind = ObservationKind.Live }]);
        var back = LiveEventCodec.Decode(LiveEventCodec.Encode(parsed));
        Assert.Equal(parsed.Source, back.Source);
        Assert.Equal(parsed.ServerType, back.ServerType);
        Assert.Equal(parsed.UserId, back.UserId);
        var sent = parsed.Observations.Single();
        var read = back.Observations.Single();

        // Lists compare by reference in a record's equality: compare them apart.
        Assert.Equal(sent, read with { Ids = sent.Ids, ShowIds = sent.ShowIds });
        Assert.Equal(sent.Ids, read.Ids);
        Assert.Empty(read.ShowIds);
    }

    private static LiveListener NewListener(WebhookHarness harness, ScriptedSource source, LiveStatus status) => new(
        Jellyfin,
        source,
        [Jellyfin.User!],
        harness.Services.GetRequiredService<InboxStore>(),
        harness.Services.GetRequiredService<WebhookSignal>(),
        status,
        TimeProvider.System,
        NullLogger.Instance);

    private static Observation Movie(bool played) => new()
    {
        Backend = "",
        RemoteId = "movie-1",
        Type = MediaType.Movie,
        Title = "Arrival",
        Year = 2016,
        Ids = [new ExternalId("imdb", "tt2543164")],
        Played = played,
        PlayedAt = played ? new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.Zero) : null,
        ReceivedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>An event stream the test writes to; <see cref="Drop"/> ends the current connection with an error.</summary>
    private sealed class ScriptedSource : ILiveEventSource
    {
        private Channel<LiveEvent> _channel = Channel.CreateUnbounded<LiveEvent>();
        private int _connections;

        public ChannelWriter<LiveEvent> Writer => Volatile.Read(ref _channel).Writer;

        public int Connections => Volatile.Read(ref _connections);

        public void Drop(Exception error)
        {
            var old = Interlocked.Exchange(ref _channel, Channel.CreateUnbounded<LiveEvent>());
            old.Writer.Complete(error);
        }

        public async IAsyncEnumerable<LiveEvent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _connections);
            var reader = Volatile.Read(ref _channel).Reader;
            await foreach (var live in reader.ReadAllAsync(cancellationToken))
            {
                yield return live;
            }
        }
    }
}
