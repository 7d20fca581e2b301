using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchState.Backends;
using WatchState.Backends.Http;
using WatchState.Backends.Plex;
using WatchState.Configuration;
using WatchState.Simulator;

namespace WatchState.Tests.Backends.Plex;

/// <summary>
/// A Plex simulator and its fake plex.tv, plus <see cref="PlexClient"/>s built by the product's factory on its
/// shared retrying HTTP pipeline.
/// </summary>
internal sealed class PlexHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private PlexHarness(PlexSimulator sim, PlexTvSimulator plexTv)
    {
        Sim = sim;
        PlexTv = plexTv;
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs));
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddBackends();
        services.Configure<PlexTvOptions>(o => o.BaseUrl = plexTv.BaseUrl);
        services.Configure<BackendHttpOptions>(o =>
        {
            o.RetryDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
        });
        _services = services.BuildServiceProvider();
    }

    public PlexSimulator Sim { get; }

    public PlexTvSimulator PlexTv { get; }

    public CapturedLogs Logs { get; } = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PlexHarness> StartAsync(
        string library, string? version = null, bool legacyAgents = false, PlexTvSimulatorOptions? plexTv = null, TimeProvider? clock = null)
    {
        var options = new PlexSimulatorOptions { Library = SimLibrary.Parse(library), LegacyAgents = legacyAgents, TimeProvider = clock };
        if (version is not null)
        {
            options = new PlexSimulatorOptions { Library = options.Library, LegacyAgents = legacyAgents, Version = version, TimeProvider = clock };
        }

        var sim = await PlexSimulator.StartAsync(options, Ct);
        return new PlexHarness(sim, await PlexTvSimulator.StartAsync(sim, plexTv, Ct));
    }

    public PlexClient Client(
        string? token = null, Dictionary<string, string>? options = null, string? user = null, string? uuid = null)
    {
        var config = new BackendConfig
        {
            Name = "plex",
            Type = BackendType.Plex,
            Url = Sim.BaseUrl,
            Token = token ?? Sim.AdminToken,
            User = user,
            Options = options ?? [],
            Uuid = uuid,
        };
        return (PlexClient)_services.GetRequiredService<IMediaServerFactory>().Create(config);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await PlexTv.DisposeAsync();
        await Sim.DisposeAsync();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
