using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Simulator;

namespace WatchState.Tests.Backends.MediaBrowser;

/// <summary>A simulator and the product's client for it, with the client's live event stream read in the background.</summary>
internal sealed class LiveSocket : IAsyncDisposable
{
    public const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
          s01e02 runtime=48m
        """;

    private readonly ServiceProvider _services;

    private LiveSocket(MediaBrowserSimulator sim)
    {
        Sim = sim;
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddBackends();
        _services = services.BuildServiceProvider();
    }

    public MediaBrowserSimulator Sim { get; }

    public CapturedLogs Logs { get; } = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<LiveSocket> StartAsync(MediaBrowserFlavor flavor, TimeSpan? keepAlive = null) =>
        new(await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions
            {
                Flavor = flavor,
                Library = SimLibrary.Parse(Library),
                SocketKeepAlive = keepAlive ?? TimeSpan.FromSeconds(60),
            },
            Ct));

    public ILiveEventSource Source(string? token = null, Uri? url = null) => (ILiveEventSource)Client(token, url);

    public IMediaServer Client(string? token = null, Uri? url = null) =>
        _services.GetRequiredService<IMediaServerFactory>().Create(new BackendConfig
        {
            Name = "home",
            Type = Sim.Flavor == MediaBrowserFlavor.Emby ? BackendType.Emby : BackendType.Jellyfin,
            Url = url ?? Sim.BaseUrl,
            Token = token ?? Sim.ApiKey,
            User = Sim.AdminUserId,
        });

    /// <summary>
    /// Opens the stream, checks that it says it is connected first, and waits until the server has taken the
    /// socket in (the client may see the upgrade before the server lists it; a change in between is not sent).
    /// </summary>
    public async Task<IAsyncEnumerator<LiveEvent>> OpenAsync(ILiveEventSource source, CancellationToken cancellationToken)
    {
        var before = Sim.SocketCount;
        var events = source.ListenAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(LiveEvent.ConnectedEvent, events.Current.Event);
        await WaitUntilAsync(() => Sim.SocketCount > before);
        return events;
    }

    /// <summary>The next event with observations, within a generous time.</summary>
    public static async Task<LiveEvent> NextAsync(IAsyncEnumerator<LiveEvent> events)
    {
        var next = events.MoveNextAsync().AsTask();
        var done = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(20), Ct));
        Assert.True(done == next, "no live event within 20 s");
        Assert.True(await next, "the stream ended");
        return events.Current;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, int seconds = 20)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public static Observation Only(LiveEvent live, ObservationKind kind)
    {
        var observation = Assert.Single(live.Observations);
        Assert.Equal(kind, observation.Kind);
        return observation;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
