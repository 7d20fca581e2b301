using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WatchState.Backends;
using WatchState.Backends.Http;
using WatchState.Backends.Plex;
using WatchState.Configuration;
using WatchState.Simulator;

namespace WatchState.Tests.Backends.Plex;

/// <summary>
/// A Plex simulator plus a <see cref="PlexClient"/> on the product's shared retrying HTTP pipeline. Plex is not
/// registered in the product yet, so the Plex auth handler is added to the shared client here.
/// </summary>
internal sealed class PlexHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private PlexHarness(PlexSimulator sim)
    {
        Sim = sim;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBackends();
        services.Configure<BackendHttpOptions>(o =>
        {
            o.RetryDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
        });
        _services = services.BuildServiceProvider();
    }

    public PlexSimulator Sim { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PlexHarness> StartAsync(string library, string? version = null, bool legacyAgents = false, TimeProvider? clock = null)
    {
        var options = new PlexSimulatorOptions { Library = SimLibrary.Parse(library), LegacyAgents = legacyAgents, TimeProvider = clock };
        if (version is not null)
        {
            options = new PlexSimulatorOptions { Library = options.Library, LegacyAgents = legacyAgents, Version = version, TimeProvider = clock };
        }

        return new PlexHarness(await PlexSimulator.StartAsync(options, Ct));
    }

    public PlexClient Client(string? token = null, Dictionary<string, string>? options = null, string? user = null)
    {
        var config = new BackendConfig
        {
            Name = "plex",
            Type = BackendType.Plex,
            Url = Sim.BaseUrl,
            Token = token ?? Sim.AdminToken,
            User = user,
            Options = options ?? [],
        };
        var http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(PlexApi.HttpClientName);
        return new PlexClient(config, PlexSettings.From(config), http, new FixedClock(Now), NullLogger<PlexClient>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sim.DisposeAsync();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
