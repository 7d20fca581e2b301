using WatchState.Scheduling;
using WatchState.Storage;

namespace WatchState.Web;

/// <summary>
/// The writes to the servers of one item, for its history page: what the outbox holds for it, and sending them now
/// through the <c>export</c> task (the one write path), in the background so the page never waits for a server.
/// </summary>
internal sealed class ItemWrites(Database database, TaskRunner runner, IHostApplicationLifetime lifetime)
{
    public const string ExportTask = "export";

    /// <summary>The newest writes planned for the item, every status.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> RecentAsync(long itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await new OutboxStore(connection, "main").ForItemAsync(itemId, 10, cancellationToken);
    }

    /// <summary>True while an export run (started here, by the schedule or from Tasks) is sending writes.</summary>
    public bool Sending => runner.IsRunning(ExportTask);

    /// <summary>Starts an export run and returns at once; false when one is already running (it or the next sends them).</summary>
    public async Task<bool> SendAsync() =>
        runner.Has(ExportTask) && await runner.StartAsync(ExportTask, TaskTrigger.Manual, lifetime.ApplicationStopping) is not null;
}
