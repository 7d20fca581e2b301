using System.Globalization;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Storage;

namespace WatchState.Sync;

/// <summary>
/// Pulls play state from each backend into the local database. A failing backend is reported and skipped; the
/// others still import, and the failing one's cursor does not move.
/// </summary>
public sealed partial class Importer(
    IMediaServerFactory servers, Database database, TimeProvider clock, ILogger<Importer> logger)
{
    public const string CursorDirection = "import";

    public async Task<IReadOnlyList<BackendImportResult>> RunAsync(
        ImportRequest request, IImportProgress progress, CancellationToken cancellationToken)
    {
        var results = new List<BackendImportResult>();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var backend in request.Backends)
        {
            progress.BackendStarted(backend.Name);
            var result = await ImportBackendAsync(connection, backend, request, progress, cancellationToken);
            results.Add(result);
            progress.BackendFinished(result);
        }

        return results;
    }

    private async Task<BackendImportResult> ImportBackendAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection,
        BackendConfig backend,
        ImportRequest request,
        IImportProgress progress,
        CancellationToken cancellationToken)
    {
        var counts = new ImportCounts();
        var warnings = new List<string>();
        using var scope = RunScope(logger, request.Identity, backend.Name, Guid.NewGuid().ToString("N")[..8]);
        var started = clock.GetUtcNow();
        try
        {
            var server = servers.Create(backend);
            var info = await server.GetInfoAsync(cancellationToken);
            if (info.Warning is not null)
            {
                warnings.Add(info.Warning);
                LogWarning(logger, backend.Name, info.Warning);
            }

            var options = new ReconcileOptions
            {
                ImportEnabled = backend.ImportEnabled && !request.MetadataOnly,
                ProgressEnabled = info.SupportsProgress,
                FixPlayedWithoutDate = request.JellyfinFixPlayed && backend.Type == BackendType.Jellyfin,
            };

            var libraries = await server.GetLibrariesAsync(cancellationToken);
            using var store = new ImportStore(connection, request.Identity, backend.Name, request.DryRun);
            var pages = new PageImporter(store, options, counts);
            foreach (var library in libraries)
            {
                if (library.Kind == LibraryKind.Unsupported)
                {
                    LogLibrarySkipped(logger, backend.Name, library.Name, library.RawType ?? "unknown");
                    warnings.Add($"library '{library.Name}' ({library.RawType ?? "unknown type"}) skipped: only movie and show libraries are synced");
                    continue;
                }

                var done = 0;
                var announced = false;
                await foreach (var page in server.StreamItemsAsync(library, cancellationToken))
                {
                    if (!announced)
                    {
                        announced = true;
                        progress.LibraryStarted(backend.Name, library.Name, page.Total);
                    }

                    pages.Apply(page, clock.GetUtcNow());
                    store.CommitIfDue();
                    // Multi-episode files expand to several items, so the count can pass the server's total.
                    done = Math.Min(done + page.Items.Count + page.Skipped.Count, page.Total);
                    progress.PageImported(backend.Name, library.Name, done, page.Total);
                }
            }

            // An import that found nothing new writes nothing at all, not even the cursor: reading from the older
            // cursor next time is still correct.
            if (store.Writes > 0 || store.GetCursor(CursorDirection) is null)
            {
                store.SetCursor(CursorDirection, started.ToString("O", CultureInfo.InvariantCulture), clock.GetUtcNow());
            }

            store.Complete();
            LogImported(logger, backend.Name, counts.Added, counts.Updated, counts.Matched, counts.Unchanged, counts.SkippedTotal);
            return new BackendImportResult(backend.Name, counts, null, warnings);
        }
        catch (BackendException ex)
        {
            LogFailed(logger, backend.Name, ex.Message);
            return new BackendImportResult(backend.Name, counts, ex.Message, warnings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or a database problem must not stop the other backends; the run's writes are rolled back.
            var message = $"backend {backend.Name}: import failed: {ex.GetType().Name}: {ex.Message}";
            LogFailed(logger, backend.Name, message);
            return new BackendImportResult(backend.Name, counts, message, warnings);
        }
    }

    private static readonly Func<ILogger, string, string, string, IDisposable?> RunScope =
        LoggerMessage.DefineScope<string, string, string>("identity={Identity} backend={Backend} run={RunId}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Backend}: {Warning}")]
    private static partial void LogWarning(ILogger logger, string backend, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Backend}: library '{Library}' skipped ({Type} libraries hold no movies or episodes)")]
    private static partial void LogLibrarySkipped(ILogger logger, string backend, string library, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Backend}: imported: {Added} added, {Updated} updated, {Matched} matched, {Unchanged} unchanged, {Skipped} skipped")]
    private static partial void LogImported(ILogger logger, string backend, int added, int updated, int matched, int unchanged, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Backend} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string backend, string error);
}
