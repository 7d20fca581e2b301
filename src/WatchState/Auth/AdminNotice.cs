using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WatchState.Cli;

namespace WatchState.Auth;

/// <summary>On a start without an admin, says once how to create one.</summary>
internal sealed partial class AdminNotice(
    AdminAccounts accounts,
    IHostApplicationLifetime lifetime,
    IServer server,
    CliOutput output,
    ILogger<AdminNotice> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        if (!await accounts.SetupNeededAsync(stoppingToken))
        {
            return;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } listening
            ? Browsable(listening)
            : "http://localhost:8080/";
        // The web UI's first-run page is still to come: until then the CLI or the API creates the admin.
        output.Line($"no admin yet: run watchstate system:admin --user NAME, or POST {{\"username\",\"password\"}} to {address}v1/api/auth/setup");
        LogNoAdmin(logger, address);
    }

    /// <summary>A wildcard listen address as a URL a browser on this machine can open.</summary>
    internal static string Browsable(string listening) => Configuration.ListenUrls.Reachable(listening, "localhost").ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "no admin yet: create one with watchstate system:admin or at {Address}v1/api/auth/setup")]
    private static partial void LogNoAdmin(ILogger logger, string address);
}
