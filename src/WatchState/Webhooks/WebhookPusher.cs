using WatchState.Configuration;
using WatchState.Export;
using WatchState.Identities;
using WatchState.Sync;

namespace WatchState.Webhooks;

/// <summary>
/// After webhooks changed local state, pushes the differences to the other servers through the export path
/// (planner → outbox → outbox worker): the planner never writes back to the server the change came from, and the
/// outbox keeps one open write per remote item, so a scheduled export running at the same time adds nothing twice.
/// Each identity is exported with its own servers file, so Alice's change is written as Alice's user only.
/// </summary>
public sealed partial class WebhookPusher(IdentityFiles identities, AppSettings settings, Exporter exporter, ILogger<WebhookPusher> logger)
{
    /// <summary>Pushes the changes of <c>main</c>.</summary>
    public Task PushAsync(CancellationToken cancellationToken) => PushAsync([IdentityFiles.Main], cancellationToken);

    /// <summary>Pushes the changes of each identity in turn; one that was removed meanwhile is skipped.</summary>
    public async Task PushAsync(IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        foreach (var identity in changed.Distinct(StringComparer.Ordinal))
        {
            if (!identities.Exists(identity))
            {
                LogGone(logger, identity);
                continue;
            }

            await PushIdentityAsync(identity, cancellationToken);
        }
    }

    private async Task PushIdentityAsync(string identity, CancellationToken cancellationToken)
    {
        var backends = (await identities.LoadAsync(identity, cancellationToken)).Where(b => b.ExportEnabled).ToList();
        if (backends.Count == 0)
        {
            return;
        }

        var request = new ExportRequest(backends)
        {
            Identity = identity,
            MinProgressMs = (long)settings.ProgressMinimum.TotalMilliseconds,
            ProgressThreshold = settings.ProgressThreshold,
        };
        var plan = await exporter.PlanAsync(request, cancellationToken);

        // Applied even when nothing was planned: that moves each backend's export cursor, without which every
        // later push compares the whole library again (a webhook about an item only its own server has plans
        // nothing, so a cursor might otherwise never be set). Due writes only: a server that is down keeps its
        // retry schedule instead of being hit per webhook.
        var results = await exporter.ApplyAsync(request, plan, dueOnly: true, cancellationToken);
        if (plan.Writes.Count == 0)
        {
            return;
        }

        var summary = string.Join("; ", results.Select(r => $"{r.Backend}: {r.Done} written, {r.Pending} pending, {r.Failed} failed"));
        LogPushed(logger, identity, plan.Writes.Count, summary);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "webhook changes of {Identity} pushed: {Planned} planned; {Results}")]
    private static partial void LogPushed(ILogger logger, string identity, int planned, string results);

    [LoggerMessage(Level = LogLevel.Information, Message = "webhook changes of {Identity} not pushed: the identity no longer exists")]
    private static partial void LogGone(ILogger logger, string identity);
}
