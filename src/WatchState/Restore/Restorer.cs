using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Export;
using WatchState.Ignoring;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Restore;

/// <summary>Restore one backend of one identity from a backup file; <see cref="Execute"/> false plans only.</summary>
public sealed record RestoreRequest(string File, string Identity, BackendConfig Backend)
{
    public bool Execute { get; init; }
}

/// <summary>Receives progress while a restore reads the file, lists the server and writes.</summary>
public interface IRestoreProgress
{
    /// <summary>The server listing's progress (the import's).</summary>
    IImportProgress Listing { get; }

    void EntriesRead(int entries, bool done);

    void Writing(int writes);
}

/// <summary>How the writes of an executed restore went.</summary>
/// <param name="Drains">Each round of outbox sending (a second round sets resume points on items first marked unplayed).</param>
/// <param name="NotLocal">Changes that could not be queued: the server item is not in the local database.</param>
/// <param name="Restored">Planned items the server now reports as the backup says.</param>
/// <param name="LocalChanged">Items whose local state took the restored state.</param>
public sealed record RestoreOutcome(
    IReadOnlyList<DrainResult> Drains, IReadOnlyList<RestoreChange> NotLocal, int Restored, int LocalChanged, IReadOnlyList<OutboxEntry> Failed)
{
    public int Written => Drains.Sum(d => d.Done);

    public bool Complete => NotLocal.Count == 0 && Failed.Count == 0 && Drains.All(d => d.Complete);
}

/// <summary>
/// Brings one server back to a backup file: reads the file through once (a damaged file stops everything before the
/// server is contacted), lists the server once through the import path, matches every entry, then writes the
/// differences through the outbox like any export and records them as explicit restore observations.
/// </summary>
public sealed class Restorer(Importer importer, OutboxWorker worker, Database database, IgnoreFile ignoreFile, AppSettings settings, TimeProvider clock)
{
    public async Task<RestorePlan> PlanAsync(RestoreRequest request, IRestoreProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var entries = 0;
        await foreach (var _ in BackupFileReader.ReadAsync(request.File, cancellationToken))
        {
            if (++entries % 10_000 == 0)
            {
                progress.EntriesRead(entries, done: false);
            }
        }

        progress.EntriesRead(entries, done: true);

        // The listing is an import of the backend (a full one): executed, it also records every item, so each change
        // has a local item to queue against and the outbox compares against fresh views; a dry run keeps nothing.
        var index = new RestoreIndex(await ignoreFile.LoadRulesAsync(cancellationToken));
        var import = ImportDefaults.Request([request.Backend], settings) with
        {
            Identity = request.Identity,
            DryRun = !request.Execute,
            ForceFull = true,
            FullSchedule = null,
        };
        var results = await importer.RunAsync(import, new IndexingProgress(index, progress.Listing), cancellationToken);
        if (results.Count > 0 && results[0].Error is { } error)
        {
            throw new BackendException($"could not list {request.Backend.Name} to restore it, nothing was written: {error}");
        }

        var planner = new RestorePlanner(request.Backend.Name, index);
        await foreach (var record in BackupFileReader.ReadAsync(request.File, cancellationToken))
        {
            planner.Add(record);
        }

        return new RestorePlan(request.File, request.Identity, request.Backend.Name, index.Count, planner.Counts, planner.Changes, planner.Unmatched);
    }

    public async Task<RestoreOutcome> ApplyAsync(RestoreRequest request, RestorePlan plan, IRestoreProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        var backend = request.Backend.Name;
        var reason = $"restore from {Path.GetFileName(request.File)}";
        await using var connection = await database.OpenAsync(cancellationToken);
        var outbox = new OutboxStore(connection, request.Identity);
        var ids = await RestoreCommands.ItemIdsAsync(connection, request.Identity, backend, plan.Changes.Select(c => c.RemoteId), cancellationToken);
        var queued = plan.Changes.Where(c => ids.ContainsKey(c.RemoteId)).ToList();
        var notLocal = plan.Changes.Where(c => !ids.ContainsKey(c.RemoteId)).ToList();

        var drains = new List<DrainResult>();
        progress.Writing(queued.Count);
        await outbox.PruneAsync(clock.GetUtcNow() - Exporter.KeepFinished, cancellationToken);
        await outbox.EnqueueAsync(queued.Select(c => new PlannedWrite(ids[c.RemoteId], c.Title, backend, c.Write, reason)), clock.GetUtcNow(), cancellationToken);
        drains.Add((await worker.DrainAsync(request.Identity, [request.Backend], dueOnly: false, cancellationToken))[0]);

        // The outbox holds one open write per item, so a resume point on an item first marked unplayed goes second,
        // and only when the first round went through (else it would replace the failed unplay).
        var then = queued.Where(c => c.Then is not null).ToList();
        if (then.Count > 0 && drains[0].Complete)
        {
            progress.Writing(then.Count);
            await outbox.EnqueueAsync(then.Select(c => new PlannedWrite(ids[c.RemoteId], c.Title, backend, c.Then!, reason)), clock.GetUtcNow(), cancellationToken);
            drains.Add((await worker.DrainAsync(request.Identity, [request.Backend], dueOnly: false, cancellationToken))[0]);
        }

        // What the server now says (the outbox stored it after reading the items back) decides what was restored.
        var views = await outbox.ViewsAsync(backend, queued.Select(c => c.RemoteId), cancellationToken);
        var now = clock.GetUtcNow();
        var restored = queued
            .Where(c => views.TryGetValue(c.RemoteId, out var v) && v.Played == c.Played
                && (c.Played || Math.Abs(v.ProgressMs - c.ProgressMs) <= RestorePlanner.ProgressToleranceMs))
            .Select(c => (ids[c.RemoteId], Observation(backend, c, now)))
            .ToList();

        // An explicit user action: it changes the local state even for a backend whose import is off, or the next
        // export would undo it.
        var options = new ReconcileOptions { ImportEnabled = true, MinProgressMs = (long)settings.ProgressMinimum.TotalMilliseconds };
        var localChanged = await RestoreCommands.RecordAsync(connection, request.Identity, restored, options, reason, now, cancellationToken);
        var planned = queued.Select(c => c.RemoteId).ToHashSet(StringComparer.Ordinal);
        var failed = (await outbox.ListAsync(failedOnly: true, cancellationToken))
            .Where(e => e.Backend == backend && planned.Contains(e.Write.RemoteId))
            .ToList();
        return new RestoreOutcome(drains, notLocal, restored.Count, localChanged, failed);
    }

    private static Observation Observation(string backend, RestoreChange change, DateTimeOffset now) => new()
    {
        Backend = backend,
        RemoteId = change.RemoteId,
        Type = MediaType.Movie,
        Title = change.Title,
        Played = change.Played,

        // No date: the restore is the newest word on the item, as a mark played in the UI is.
        PlayedAt = null,
        ProgressMs = change.ProgressMs,
        Kind = ObservationKind.Restore,
        Explicit = true,
        ReceivedAt = now,
    };

    /// <summary>Indexes each listed page for matching, and passes the progress on.</summary>
    private sealed class IndexingProgress(RestoreIndex index, IImportProgress inner) : IImportProgress
    {
        public void BackendStarted(string backend) => inner.BackendStarted(backend);

        public void ModeChosen(string backend, string mode) => inner.ModeChosen(backend, mode);

        public void LibraryStarted(string backend, string library, int total) => inner.LibraryStarted(backend, library, total);

        public void PageRead(string backend, ItemPage page) => index.Add(page.Items);

        public void PageImported(string backend, string library, int done, int total) => inner.PageImported(backend, library, done, total);

        public void BackendFinished(BackendImportResult result) => inner.BackendFinished(result);
    }
}
