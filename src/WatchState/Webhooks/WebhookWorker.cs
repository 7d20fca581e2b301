namespace WatchState.Webhooks;

/// <summary>
/// The background half of the webhook endpoint, run by <c>serve</c>: drains the inbox as soon as a webhook is
/// stored, and polls for rows left pending (by a restart, or a failed attempt) in between.
/// </summary>
public sealed partial class WebhookWorker(WebhookProcessor processor, WebhookSignal signal, TimeProvider clock, ILogger<WebhookWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processor.ProcessPendingAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "webhook worker: {Type}: {Error}")]
    private static partial void LogError(ILogger logger, string type, string error);
}
