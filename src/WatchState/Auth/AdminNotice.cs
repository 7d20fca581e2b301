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
        output.Line($"no admin yet: open {address}setup to create one (or run watchstate system:admin --user NAME)");
        LogNoAdmin(logger, address);
    }

    /// <summary>A wildcard listen address as a URL a browser on this machine can open.</summary>
    internal static string Browsable(string listening) => Configuration.ListenUrls.Reachable(listening, "localhost").ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "no admin yet: create one at {Address}setup or with watchstate system:admin")]
    private static partial void LogNoAdmin(ILogger logger, string address);
}
