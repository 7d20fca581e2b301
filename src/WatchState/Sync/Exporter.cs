using WatchState.Export;
using WatchState.Ignoring;
using WatchState.Storage;

namespace WatchState.Sync;

/// <summary>
/// Export in two steps so a command can show the plan before acting: <see cref="PlanAsync"/> compares the local
/// state with every backend's last known view; <c>ApplyAsync</c> queues the writes in the outbox, sends
/// them, and moves a backend's export cursor only when all its writes went through.
/// </summary>
public sealed class Exporter(Database database, OutboxWorker worker, IgnoreFile ignoreFile, TimeProvider clock)
{
    /// <summary>How long finished outbox rows are kept (the history keeps every write for good).</summary>
    public static readonly TimeSpan KeepFinished = TimeSpan.FromDays(30);

    public async Task<ExportPlan> PlanAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetUtcNow();
        var ignore = await ignoreFile.LoadRulesAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var cursors = request.ForceFull || request.ItemId is not null
            ? new Dictionary<string, DateTimeOffset>()
            : await ExportCursors.ReadAsync(connection, request.Identity, cancellationToken);
        var options = new ExportPlanOptions
        {
            Backends = request.Backends.Where(b => b.ExportEnabled).Select(b => b.Name).ToHashSet(StringComparer.Ordinal),
            Since = cursors,
            MinProgressMs = request.MinProgressMs,
            ProgressThreshold = request.ProgressThreshold,
        };
        var counts = new ExportPlanCounts();
        var writes = new List<PlannedWrite>();
        await foreach (var item in ExportReader.ReadAsync(connection, request.Identity, request.ItemId, OldestCursor(options), cancellationToken))
        {
            counts.Items++;
            writes.AddRange(ExportPlanner.PlanItem(MarkIgnored(item, ignore), options, counts));
        }

        return new ExportPlan(writes, counts, started);
    }

    /// <summary>config/ignore.yaml item rules, by set lookup: the planner neither writes to nor reads state from these views.</summary>
    private static PlanItem MarkIgnored(PlanItem item, IgnoreRules ignore)
    {
        if (!ignore.HasItemRules || !item.Views.Any(v => ignore.IgnoresItem(v.Backend, v.RemoteId, v.ShowRemoteId)))
        {
            return item;
        }

        return item with
        {
            Views = [.. item.Views.Select(v => ignore.IgnoresItem(v.Backend, v.RemoteId, v.ShowRemoteId) ? v with { Ignored = true } : v)],
        };
    }

    /// <summary>
    /// The planner skips, per backend, everything older than its cursor; so when every backend has one, nothing older
    /// than the oldest can be planned and need not be read. A backend without a cursor needs the whole library.
    /// </summary>
    private static DateTimeOffset? OldestCursor(ExportPlanOptions options) =>
        options.Backends.Count > 0 && options.Backends.All(options.Since.ContainsKey)
            ? options.Backends.Min(b => options.Since[b])
            : null;

    public Task<IReadOnlyList<DrainResult>> ApplyAsync(ExportRequest request, ExportPlan plan, CancellationToken cancellationToken) =>
        ApplyAsync(request, plan, dueOnly: false, cancellationToken);

    /// <param name="dueOnly">Send only writes whose retry time has come (the scheduler); false sends every pending write.</param>
    public async Task<IReadOnlyList<DrainResult>> ApplyAsync(ExportRequest request, ExportPlan plan, bool dueOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        var backends = request.Backends.Where(b => b.ExportEnabled).ToList();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var outbox = new OutboxStore(connection, request.Identity);
            await outbox.PruneAsync(clock.GetUtcNow() - KeepFinished, cancellationToken);
            await outbox.EnqueueAsync(plan.Writes, clock.GetUtcNow(), cancellationToken);
        }

        var results = await worker.DrainAsync(request.Identity, backends, dueOnly, cancellationToken);

        // One item's write must not move the cursor past other items' changes; only full runs advance it.
        if (request.ItemId is null)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var store = new OutboxStore(connection, request.Identity);
            foreach (var result in results.Where(r => r.Complete))
            {
                if (!await store.HasOpenAsync(result.Backend, cancellationToken))
                {
                    await ExportCursors.SetAsync(connection, request.Identity, result.Backend, plan.StartedAt, clock.GetUtcNow(), cancellationToken);
                }
            }
        }

        return results;
    }
}
