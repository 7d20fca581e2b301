using WatchState.Domain;
using WatchState.Storage;

namespace WatchState.Sync;

/// <summary>
/// A change made from our side (<c>history:watch</c>, <c>history:unwatch</c>, later the web UI): an explicit user
/// action, decided by the Reconciler like any other observation and recorded in the history without a backend.
/// </summary>
public sealed class PlayStateEditor(Database database, TimeProvider clock)
{
    /// <returns>The decision, or null when no such item exists.</returns>
    public async Task<Decision?> SetWatchedAsync(string identity, long itemId, bool watched, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var item = await PlayStateCommands.ReadAsync(connection, identity, itemId, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var observation = new Observation
        {
            Backend = "local",
            RemoteId = itemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Type = item.Value.Type,
            Title = item.Value.Title,
            Played = watched,
            PlayedAt = watched ? now : null,
            Kind = ObservationKind.Ui,
            Explicit = true,
            ReceivedAt = now,
        };
        var decision = Reconciler.Decide(item.Value.State, null, observation, new ReconcileOptions());
        await PlayStateCommands.SaveAsync(connection, identity, itemId, decision, now, cancellationToken);
        return decision;
    }
}
