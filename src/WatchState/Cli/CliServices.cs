using WatchState.Auth;
using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Backup;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Ignoring;
using WatchState.Live;
using WatchState.Restore;
using WatchState.Scheduling;
using WatchState.Storage;
using WatchState.Sync;
using WatchState.Webhooks;

namespace WatchState.Cli;

/// <summary>
/// The composition root: every service the server and the commands use, registered in one place.
/// A feature adds itself here with one <c>services.Add&lt;Feature&gt;()</c> line.
/// </summary>
internal static class CliServices
{
    public static IServiceCollection AddWatchState(this IServiceCollection services, CliStartup startup)
    {
        ArgumentNullException.ThrowIfNull(startup);
        services.AddSingleton(startup.Host);
        services.AddSingleton(startup.Settings);
        services.AddSingleton(startup.Paths);
        services.AddSingleton(TimeProvider.System);
        var verbose = startup.LogLevel <= LogLevel.Debug;
        services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(startup.LogLevel)

            // Polly reports every retry with a stack trace; our backend log already says what is retried.
            .AddFilter("Polly", verbose ? LogLevel.Debug : LogLevel.None)
            .AddProvider(new TextWriterLoggerProvider(startup.Host.Error, stackTraces: verbose)));
        services.AddSingleton<CliOutput>();
        services.AddSingleton<SafetySnapshot>();
        services.AddSingleton<ServersFile>();
        services.AddBackends();
        services.Configure<PlexTvOptions>(options => options.BaseUrl = startup.Settings.PlexTvUrl);
        services.AddStorage();
        services.AddSync();
        services.AddWebhooks();
        services.AddLiveEvents();
        services.AddScheduling();
        services.AddBackup();
        services.AddRestore();
        services.AddIdentities();
        services.AddIgnoreRules();
        services.AddAdminAccounts();
        services.Configure<Export.OutboxWorkerOptions>(o => o.MinProgressMs = (long)startup.Settings.ProgressMinimum.TotalMilliseconds);

        // Commands made of other commands (state:sync, history:watch) get their parts injected.
        services.AddTransient<ImportHandler>();
        services.AddTransient<ExportHandler>();
        services.AddTransient<IdentityRunner>();
        return services;
    }

    public static ServiceProvider Build(CliStartup startup) =>
        new ServiceCollection().AddWatchState(startup).BuildServiceProvider(new ServiceProviderOptions
        {
            ValidateOnBuild = true,
            ValidateScopes = true,
        });
}

/// <summary>What is known before any service exists: the host, the data directory and the validated settings.</summary>
internal sealed record CliStartup(CliHost Host, DataPaths Paths, AppSettings Settings, LogLevel LogLevel)
{
    /// <exception cref="ConfigException"><c>config/.env</c> or a <c>WS_*</c> variable is invalid.</exception>
    public static async Task<CliStartup> LoadAsync(CliHost host, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var paths = DataPaths.Resolve(host.Environment, host.CurrentDirectory);
        var envDisplay = paths.Display(paths.EnvFile);
        var fileEntries = await DotEnvFile.ReadAsync(paths.EnvFile, envDisplay, cancellationToken);
        var environment = ConfigEnvironment.Create(fileEntries, envDisplay, host.Environment);
        var settings = AppSettings.Load(environment, paths);
        return new CliStartup(host, paths, settings, verbose ? LogLevel.Debug : LogLevel.Warning);
    }
}
