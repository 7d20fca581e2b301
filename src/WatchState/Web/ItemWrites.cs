using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Web;

/// <summary>
/// The writes to the servers of one item, for its history page: what the outbox holds for it, and sending them now.
/// A mark already wakes the webhook worker, which pushes due writes at once; the page only has to watch.
/// </summary>
internal sealed class ItemWrites(Database database, WebhookSignal signal, TimeProvider clock)
{
    /// <summary>The newest writes planned for the item, every status.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> RecentAsync(string identity, long itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await new OutboxStore(connection, identity).ForItemAsync(itemId, 10, cancellationToken);
    }

    /// <summary>Due now, so the worker is sending it (a write waiting for its retry time is not).</summary>
    public bool InFlight(OutboxEntry write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write.Status == OutboxStatus.Pending && write.NextAttemptAt <= clock.GetUtcNow();
    }

    /// <summary>
    /// Sends the item's open writes now: those waiting for a retry, and failed ones, get a fresh count of attempts
    /// (as the outbox's retry does) and the worker is woken. Returns how many were open.
    /// </summary>
    public async Task<int> SendNowAsync(string identity, IEnumerable<OutboxEntry> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        await using var connection = await database.OpenAsync(cancellationToken);
        var store = new OutboxStore(connection, identity);
        var now = clock.GetUtcNow();
        var open = 0;
        foreach (var write in writes.Where(w => w.Status is OutboxStatus.Pending or OutboxStatus.Failed))
        {
            open += await store.RetryAsync(write.Id, now, cancellationToken) ? 1 : 0;
        }

        if (open > 0)
        {
            signal.RequestPush(identity);
        }

        return open;
    }
}
