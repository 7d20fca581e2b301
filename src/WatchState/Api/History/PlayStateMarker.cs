using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Export;
using WatchState.Identities;
using WatchState.Storage;
using WatchState.Sync;
using WatchState.Webhooks;

namespace WatchState.Api.History;

/// <summary>
/// Mark played/unplayed from the API: the <see cref="PlayStateEditor"/> decides (an explicit user action), then the
/// writes every export-enabled backend needs are planned for that item and queued in the outbox, the only write path,
/// and the webhook worker is woken to send them.
/// </summary>
internal sealed class PlayStateMarker(
    PlayStateEditor editor, IdentityFiles identities, Exporter exporter, Database database, AppSettings settings, WebhookSignal signal, TimeProvider clock)
{
    /// <summary>Marks the item of <paramref name="identity"/> and queues the writes to that identity's backends.</summary>
    /// <returns>Null when the identity has no such item.</returns>
    /// <exception cref="UnknownIdentityException">There is no such identity.</exception>
    public async Task<PlayStateChangeDto?> MarkAsync(string identity, long itemId, bool watched, CancellationToken cancellationToken)
    {
        var decision = await editor.SetWatchedAsync(identity, itemId, watched, cancellationToken);
        if (decision is null)
        {
            return null;
        }

        var backends = (await identities.LoadAsync(identity, cancellationToken)).Where(b => b.ExportEnabled).ToList();
        IReadOnlyList<PlannedWrite> writes = [];
        if (backends.Count > 0)
        {
            var request = new ExportRequest(backends)
            {
                Identity = identity,
                ItemId = itemId,
                MinProgressMs = (long)settings.ProgressMinimum.TotalMilliseconds,
                ProgressThreshold = settings.ProgressThreshold,
            };
            writes = (await exporter.PlanAsync(request, cancellationToken)).Writes;
            await using var connection = await database.OpenAsync(cancellationToken);
            await new OutboxStore(connection, request.Identity).EnqueueAsync(writes, clock.GetUtcNow(), cancellationToken);

            // The person who clicked expects the servers to follow now, not at the next scheduled export.
            if (writes.Count > 0)
            {
                signal.RequestPush(identity);
            }
        }

        return new PlayStateChangeDto(
            itemId,
            watched,
            decision.Changes.Any(c => c.Field == ChangeField.Watched && c.Applied),
            [.. decision.Changes.Select(c => new DecisionChangeDto(c.Field.ToString().ToLowerInvariant(), c.Applied, c.From, c.To, c.Reason))],
            [.. writes.Select(w => new QueuedWriteDto(w.Backend, w.Write.RemoteId, w.Change, w.Reason))]);
    }
}
