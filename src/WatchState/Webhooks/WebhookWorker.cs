namespace WatchState.Webhooks;

/// <summary>
/// The background half of the webhook endpoint, run by <c>serve</c>: drains the inbox as soon as a webhook is
/// stored, and polls for rows left pending (by a restart, or a failed attempt) in between. It also sends the writes
/// a mark played/unplayed queued, at once.
/// </summary>
public sealed partial class WebhookWorker(
    WebhookProcessor processor, WebhookPusher pusher, WebhookSignal signal, TimeProvider clock, ILogger<WebhookWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Taken before processing, so a request made while the push runs is seen at the next wake-up.
                var pushRequested = signal.TakePushRequests();
                var drained = await processor.ProcessPendingAsync(stoppingToken);
                var identities = drained.ChangedIdentities.Union(pushRequested, StringComparer.Ordinal).ToList();
                if (identities.Count > 0)
                {
                    await PushAsync(identities, stoppingToken);
                }

                await signal.WaitAsync(PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The server must keep running: a broken database or servers.yaml is retried at the next poll.
                LogError(logger, e.GetType().Name, e.Message);
                await Task.Delay(PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PushAsync(IReadOnlyCollection<string> identities, CancellationToken stoppingToken)
    {
        try
        {
            await pusher.PushAsync(identities, stoppingToken);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // The change is applied and stays in the database: the scheduled export pushes it later.
            LogPushFailed(logger, e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook changes not pushed now (the next export will): {Type}: {Error}")]
    private static partial void LogPushFailed(ILogger logger, string type, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "webhook worker: {Type}: {Error}")]
    private static partial void LogError(ILogger logger, string type, string error);
}
