using WatchState.Configuration;
using WatchState.Export;
using WatchState.Sync;

namespace WatchState.Scheduling;

/// <summary>
/// The <c>export</c> task: plan and push each identity's differences to its export-enabled backends, with its own
/// users and tokens. Unlike a command run it
/// sends only the outbox writes whose retry time has come, so a server that is down is not hammered every hour.
/// </summary>
public sealed class ExportTask(IdentitySweep identities, AppSettings settings, Exporter exporter) : IScheduledTask
{
    public string Name => "export";

    public string Description => "Push the local play state to every export-enabled backend, for every identity";

    public Task<string> RunAsync(CancellationToken cancellationToken) => identities.RunAsync(ExportAsync, cancellationToken);

    private async Task<string> ExportAsync(string identity, IReadOnlyList<BackendConfig> configured, CancellationToken cancellationToken)
    {
        var backends = configured.Where(b => b.ExportEnabled).ToList();
        if (backends.Count == 0)
        {
            return "no backend has export enabled";
        }

        var request = new ExportRequest(backends)
        {
            Identity = identity,
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
