using WatchState.Configuration;
using WatchState.Export;
using WatchState.Sync;

namespace WatchState.Webhooks;

/// <summary>
/// After webhooks changed local state, pushes the differences to the other servers through the export path
/// (planner → outbox → outbox worker): the planner never writes back to the server the change came from, and the
/// outbox keeps one open write per remote item, so a scheduled export running at the same time adds nothing twice.
/// </summary>
public sealed partial class WebhookPusher(ServersFile servers, AppSettings settings, Exporter exporter, ILogger<WebhookPusher> logger)
{
    public async Task PushAsync(CancellationToken cancellationToken)
    {
        var backends = (await servers.LoadAsync(cancellationToken)).Where(b => b.ExportEnabled).ToList();
        if (backends.Count == 0)
        {
            return;
        }

        var request = new ExportRequest(backends)
        {
            MinProgressMs = (long)settings.ProgressMinimum.TotalMilliseconds,
            ProgressThreshold = settings.ProgressThreshold,
        };
        var plan = await exporter.PlanAsync(request, cancellationToken);
        if (plan.Writes.Count == 0)
        {
            return;
        }

        // Due writes only: a server that is down keeps its retry schedule instead of being hit per webhook.
        var results = await exporter.ApplyAsync(request, plan, dueOnly: true, cancellationToken);
        var summary = string.Join("; ", results.Select(r => $"{r.Backend}: {r.Done} written, {r.Pending} pending, {r.Failed} failed"));
        LogPushed(logger, plan.Writes.Count, summary);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "webhook changes pushed: {Planned} planned; {Results}")]
    private static partial void LogPushed(ILogger logger, int planned, string results);
}
