using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchState.Backends;
using WatchState.Backends.Http;
using WatchState.Configuration;
using WatchState.Simulator;

namespace WatchState.Tests.Backends;

/// <summary>A simulator plus the product's backend services wired the way the app wires them, with short retry delays.</summary>
internal sealed class BackendHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private BackendHarness(MediaBrowserSimulator sim)
    {
        Sim = sim;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddBackends();
        services.Configure<BackendHttpOptions>(o =>
        {
            o.RetryDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
        });
        _services = services.BuildServiceProvider();
    }

    public MediaBrowserSimulator Sim { get; }

    public CapturedLogs Logs { get; } = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<BackendHarness> StartAsync(
        string library = Simulator.Sim.CaptureLibrary,
        MediaBrowserFlavor flavor = MediaBrowserFlavor.Jellyfin,
        string? version = null,
        bool? legacy = null) =>
        new(await Simulator.Sim.StartAsync(library, flavor, version, legacy));

    public static async Task<BackendHarness> StartAsync(SimLibrary library, MediaBrowserFlavor flavor = MediaBrowserFlavor.Jellyfin) =>
        new(await Simulator.Sim.StartAsync(library, flavor));

    /// <summary>A client for the simulator as the admin (API key) unless told otherwise.</summary>
    public IMediaServer Client(string? token = null, string? user = null, Dictionary<string, string>? options = null, Uri? url = null) =>
        _services.GetRequiredService<IMediaServerFactory>().Create(new BackendConfig
        {
            Name = "home",
            Type = Sim.Flavor == MediaBrowserFlavor.Emby ? BackendType.Emby : BackendType.Jellyfin,
            Url = url ?? Sim.BaseUrl,
            Token = token ?? Sim.ApiKey,
            User = user ?? Sim.AdminUserId,
            Options = options ?? [],
        });

    /// <summary>Logs in as a user the way a Jellyfin app does and returns that user's access token.</summary>
    public async Task<string> LoginAsync(string name)
    {
        using var http = Simulator.Sim.Anonymous(Sim);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("Users/AuthenticateByName", UriKind.Relative))
        {
            Content = new StringContent($$"""{"Username":"{{name}}","Pw":"{{name}}pass"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "MediaBrowser Client=\"tests\", Device=\"ci\", DeviceId=\"1\", Version=\"1\"");
        using var response = await http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var doc = await System.Text.Json.JsonDocument.ParseAsync(body, cancellationToken: Ct);
        return doc.RootElement.GetProperty("AccessToken").GetString()!;
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

/// <summary>Every log line the product writes during a test, formatted.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
