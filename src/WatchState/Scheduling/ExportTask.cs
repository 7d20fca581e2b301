using WatchState.Configuration;
using WatchState.Export;
using WatchState.Sync;

namespace WatchState.Scheduling;

/// <summary>
/// The <c>export</c> task: plan and push the differences to every export-enabled backend. Unlike a command run it
/// sends only the outbox writes whose retry time has come, so a server that is down is not hammered every hour.
/// </summary>
public sealed class ExportTask(ServersFile servers, AppSettings settings, Exporter exporter) : IScheduledTask
{
    public string Name => "export";

    public string Description => "Push the local play state to every export-enabled backend";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var backends = (await servers.LoadAsync(cancellationToken)).Where(b => b.ExportEnabled).ToList();
        if (backends.Count == 0)
        {
            return "no backend has export enabled";
        }

        var request = new ExportRequest(backends)
        {
            MinProgressMs = (long)settings.ProgressMinimum.TotalMilliseconds,
            ProgressThreshold = settings.ProgressThreshold,
        };
        var plan = await exporter.PlanAsync(request, cancellationToken);
        var results = await exporter.ApplyAsync(request, plan, dueOnly: true, cancellationToken);
        var summary = $"{plan.Writes.Count} planned; " + string.Join("; ", results.Select(r =>
            $"{r.Backend}: {r.Done} written, {r.Pending} pending, {r.Failed} failed{(r.Error is null ? "" : $" ({r.Error})")}"));
        return results.All(r => r.Error is null && r.Failed == 0) ? summary : throw new TaskFailedException(summary);
    }
}
