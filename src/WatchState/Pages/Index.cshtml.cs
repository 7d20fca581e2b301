using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Configuration;
using WatchState.Live;
using WatchState.Scheduling;
using WatchState.Storage;
using WatchState.Web;
using WatchState.Webhooks;

namespace WatchState.Pages;

/// <summary>The dashboard: is everything connected, what changed lately, is anything stuck.</summary>
internal sealed class IndexModel(
    ServersFile servers,
    LiveStatus live,
    DashboardQueries dashboard,
    HistoryQueries history,
    TaskRunStore runs,
    ApiKeyCheck apiKeys,
    AppSettings settings) : PageModel
{
    public IReadOnlyList<BackendCard> Backends { get; private set; } = [];

    public IReadOnlyList<ItemRow> RecentChanges { get; private set; } = [];

    public long PendingWrites { get; private set; }

    public long FailedWrites { get; private set; }

    public IReadOnlyList<TaskRun> LastRuns { get; private set; } = [];

    public string WebhookUrl { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var activity = await dashboard.ActivityAsync(cancellationToken);
        Backends = [.. (await servers.LoadAsync(cancellationToken)).Select(b =>
            new BackendCard(b, live.Find(b.Name), activity.GetValueOrDefault(b.Name)))];
        RecentChanges = [.. (await history.ListAsync(new ItemFilter { Limit = 8 }, cancellationToken)).Select(r => r.Item)];
        (PendingWrites, FailedWrites) = await dashboard.OutboxCountsAsync(cancellationToken);
        LastRuns = [.. (await runs.LatestAsync(cancellationToken)).Values.OrderByDescending(r => r.StartedAt)];

        // The address this browser reached us by is the best guess for what the media servers can reach too.
        WebhookUrl = $"{Request.Scheme}://{Request.Host}{WebhookEndpoints.Path}";
        if (settings.SecureApiEndpoints)
        {
            WebhookUrl += $"?{ApiKeyCheck.QueryName}={await apiKeys.CurrentAsync(cancellationToken)}";
        }
    }
}

/// <summary>One backend as the dashboard shows it.</summary>
internal sealed record BackendCard(BackendConfig Config, LiveConnection? Live, BackendActivity? Activity);
