using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Cli;

internal sealed class EventsReplayHandler(InboxStore inbox, WebhookProcessor processor, CliOutput output)
{
    public async Task<int> RunAsync(long id, CancellationToken cancellationToken)
    {
        if (!await inbox.RequeueAsync(id, cancellationToken))
        {
            output.Error($"No event with id {id}. List events with: watchstate events:list");
            return CliContext.Failed;
        }

        await processor.ProcessPendingAsync(cancellationToken);
        var entry = await inbox.GetAsync(id, cancellationToken);
        output.Line($"#{id}: {entry?.Status}{(entry?.Reason is { } reason ? $" — {reason}" : "")}");
        return entry?.Status is InboxStatus.Applied or InboxStatus.Ignored ? CliContext.Ok : CliContext.Failed;
    }
}
