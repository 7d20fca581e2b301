using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WatchState.Api;
using WatchState.Auth;
using WatchState.Web;
using WatchState.Webhooks;

namespace WatchState.Cli;

/// <summary><c>watchstate</c> / <c>watchstate serve</c>: the web server. The health check and the webhook endpoint with its worker.</summary>
internal static class ServeCommand
{
    public const string Description = "Run the server: web UI, REST API and webhooks (the default command)";

    public static Command Create(CliContext cli)
    {
        var command = new Command("serve", Description);
        SetAction(command, cli);
        return command;
    }

    /// <summary>Also used on the root command, so <c>watchstate</c> alone serves.</summary>
    public static void SetAction(Command command, CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(cli);
        command.SetAction((parseResult, cancellationToken) => cli.RunAsync(parseResult, RunAsync, cancellationToken));
    }

    private static async Task<int> RunAsync(CliStartup startup, CancellationToken cancellationToken)
    {
        startup.Paths.EnsureCreated();
        await using var app = Build(startup);

        // The API key exists from the first start on, so system:apikey shows the one the server checks.
        await app.Services.GetRequiredService<ApiKeyCheck>().EnsureCreatedAsync();
        await app.StartAsync(cancellationToken);
        var output = app.Services.GetRequiredService<CliOutput>();
        foreach (var address in ListeningAddresses(app))
        {
            output.Line($"watchstate is listening on {address} (data: {startup.Paths.Root})");
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return CliContext.Ok;
    }

    /// <param name="configure">Runs after every registration: lets tests shorten retry waits and timeouts.</param>
    internal static WebApplication Build(CliStartup startup, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Not the current directory: ./data (and the SQLite WAL) would sit under a watched content root.
            ContentRootPath = AppContext.BaseDirectory,

            // The pages are compiled into this assembly; under a test host the entry assembly is another one.
            ApplicationName = typeof(ServeCommand).Assembly.GetName().Name,

            // A file watcher on appsettings.json costs CPU for nothing: settings come from WS_* variables.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddWatchState(startup);
        builder.Services.AddAuth();
        builder.Services.AddHostedService<WebhookWorker>();
        builder.Services.AddHostedService<Live.LiveListenerService>();

        // The console keeps the command's level (warnings unless -v); the daily files under data/logs get
        // information too, so what the server did overnight can be read the next morning.
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter<TextWriterLoggerProvider>(null, startup.LogLevel)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddProvider(new Logging.FileLoggerProvider(startup.Paths.LogsDir, TimeProvider.System)));
        // On stop (Ctrl+C, docker stop) running work gets this long to finish; a task cut short records itself as
        // cancelled and runs again at its next time, and nothing half-applied is kept (every write is a transaction).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        builder.Services.AddSingleton<Scheduling.CronScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Scheduling.CronScheduler>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CliJsonContext.Default));
        builder.Services.AddApi();
        builder.Services.AddWebUi();
        configure?.Invoke(builder.Services);
        builder.WebHost.UseUrls(startup.Settings.Listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var app = builder.Build();
        app.UseApiErrors();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseWebUiStaticFiles();
        app.MapAuth();
        app.MapGet("/v1/api/system/healthcheck", () => TypedResults.Ok(new HealthStatus("ok")))
            .AllowAnonymous()
            .WithTags("System")
            .WithSummary("Health check: 200 while the server runs");
        app.MapWebhooks();
        app.MapApi();
        app.MapWebUi();
        return app;
    }

    internal static IReadOnlyCollection<string> ListeningAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
