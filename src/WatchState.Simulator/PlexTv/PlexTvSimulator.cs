using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WatchState.Simulator.PlexTv;

namespace WatchState.Simulator;

/// <summary>
/// A fake plex.tv for one <see cref="PlexSimulator"/>: lists the owner's Home and the users the server is shared
/// with, switches to home profiles (PIN-checked) and hands out each user's server token. Point
/// <c>WS_PLEXTV_URL</c> at <see cref="BaseUrl"/>.
/// </summary>
public sealed class PlexTvSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _log;

    private readonly PlexTvDirectory _directory;

    private PlexTvSimulator(WebApplication app, Uri baseUrl, ConcurrentQueue<string> log, SimulatorFaults faults, PlexTvDirectory directory)
    {
        _app = app;
        _directory = directory;
        BaseUrl = baseUrl;
        _log = log;
        Faults = faults;
    }

    public Uri BaseUrl { get; }

    /// <summary>"POST /api/v2/home/users/…/switch?pin=…" per request, oldest first.</summary>
    public IReadOnlyList<string> RequestLog => [.. _log];

    public SimulatorFaults Faults { get; }

    /// <summary>The owner account's webhook URLs (what Plex Web shows under Settings → Webhooks).</summary>
    public IReadOnlyList<string> Webhooks
    {
        get => _directory.Webhooks;
        set => _directory.Webhooks = value;
    }

    public static async Task<PlexTvSimulator> StartAsync(
        PlexSimulator server, PlexTvSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var directory = new PlexTvDirectory(server.Server, options ?? new PlexTvSimulatorOptions());
        var log = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var faults = new SimulatorFaults();
        app.Use((ctx, next) =>
        {
            log.Enqueue($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}");
            return FaultPlayer.RunAsync(ctx, faults, TimeProvider.System, FailAsync, "application/json", next);
        });
        app.Use(RequireClientIdentifier);
        app.UseRouting();
        PlexTvEndpoints.Map(app, directory);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlexTvSimulator(app, new Uri(address.EndsWith('/') ? address : address + "/"), log, faults, directory);
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private static Task FailAsync(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    // plex.tv's v2 API refuses clients that do not identify themselves.
    private static Task RequireClientIdentifier(HttpContext ctx, RequestDelegate next)
    {
        if (ctx.Request.Path.StartsWithSegments("/api/v2")
            && string.IsNullOrEmpty(ctx.Request.Headers["X-Plex-Client-Identifier"].FirstOrDefault())
            && string.IsNullOrEmpty(ctx.Request.Query["X-Plex-Client-Identifier"].FirstOrDefault()))
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            return ctx.Response.WriteAsync("{\"errors\":[{\"code\":1000,\"message\":\"X-Plex-Client-Identifier is missing\"}]}", ctx.RequestAborted);
        }

        return next(ctx);
    }
}
