using System.Globalization;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Ignoring;
using WatchState.Storage;

namespace WatchState.Sync;

/// <summary>
/// Pulls play state from each backend into the local database. A failing backend is reported and skipped; the
/// others still import, and the failing one's cursor does not move.
/// </summary>
public sealed partial class Importer(
    IMediaServerFactory servers, Database database, IgnoreFile ignoreFile, TimeProvider clock, ILogger<Importer> logger)
{
    /// <summary>Cursor: when the last successful import started (our clock, ISO 8601); the next incremental reads from it.</summary>
    public const string CursorDirection = "import";

    /// <summary>Cursor: when the last successful full import finished; the full schedule counts from it.</summary>
    public const string FullCursorDirection = "import-full";

    public async Task<IReadOnlyList<BackendImportResult>> RunAsync(
        ImportRequest request, IImportProgress progress, CancellationToken cancellationToken)
    {
        var results = new List<BackendImportResult>();
        var ignore = await ignoreFile.LoadRulesAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var backend in request.Backends)
        {
            progress.BackendStarted(backend.Name);
            var result = await ImportBackendAsync(connection, backend, request, ignore, progress, cancellationToken);
            results.Add(result);
            progress.BackendFinished(result);
        }

        return results;
    }

    private async Task<BackendImportResult> ImportBackendAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection,
        BackendConfig backend,
        ImportRequest request,
        IgnoreRules ignore,
        IImportProgress progress,
        CancellationToken cancellationToken)
    {
        var counts = new ImportCounts();
        var warnings = new List<string>();
        using var scope = RunScope(logger, request.Identity, backend.Name, Guid.NewGuid().ToString("N")[..8]);
        var started = clock.GetUtcNow();
        ImportMode? mode = null;
        var modeText = "-";
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
                MinProgressMs = request.MinProgressMs,
            };

            var libraries = await server.GetLibrariesAsync(cancellationToken);
            using var store = new ImportStore(connection, request.Identity, backend.Name, request.DryRun, clock: clock, gate: database.Writes);
            await store.ReadyAsync(cancellationToken);
            var incremental = server as IIncrementalListing;
            mode = ImportMode.Choose(
                request.ForceFull,
                ReadTime(store.GetCursor(CursorDirection)),
                ReadTime(store.GetCursor(FullCursorDirection)),
                incremental is not null,
                request.FullSchedule,
                request.TimeZone,
                started);
            modeText = mode.Describe(request.TimeZone);
            progress.ModeChosen(backend.Name, modeText);
            LogMode(logger, backend.Name, modeText);
            if (!mode.Full && incremental?.IncrementalBlindSpot is { } blindSpot)
            {
                warnings.Add(blindSpot);
            }

            var pages = new PageImporter(store, options, counts, ignore);
            var ignored = IgnoredLibraries.Of(backend);
            var complete = true;
            foreach (var library in libraries)
            {
                if (ignored.Contains(library.Id))
                {
                    warnings.Add($"library '{library.Name}' ignored (options.{IgnoredLibraries.Key})");
                    continue;
                }

                if (library.Kind == LibraryKind.Unsupported)
                {
                    LogLibrarySkipped(logger, backend.Name, library.Name, library.RawType ?? "unknown");
                    warnings.Add($"library '{library.Name}' ({library.RawType ?? "unknown type"}) skipped: only movie and show libraries are synced");
                    continue;
                }

                var done = 0;
                var read = 0;
                int? firstTotal = null;
                var totalMoved = false;
                var announced = false;
                var fullListing = mode.Full || incremental is null;
                var listing = fullListing || incremental is null
                    ? server.StreamItemsAsync(library, cancellationToken)
                    : incremental.StreamChangedItemsAsync(library, mode.Since!.Value - ImportMode.Overlap, cancellationToken);
                await foreach (var page in listing)
                {
                    if (!announced)
                    {
                        announced = true;
                        progress.LibraryStarted(backend.Name, library.Name, page.Total);
                    }

                    firstTotal ??= page.Total;
                    totalMoved |= page.Total != firstTotal;
                    read += page.Items.Count + page.Skipped.Count;
                    progress.PageRead(backend.Name, page);
                    await store.ReadyAsync(cancellationToken);
                    pages.Apply(page, clock.GetUtcNow());
                    store.CommitIfDue();
                    // Multi-episode files expand to several items, so the count can pass the server's total.
                    done = Math.Min(done + page.Items.Count + page.Skipped.Count, page.Total);
                    progress.PageImported(backend.Name, library.Name, done, page.Total);
                }

                // Fewer items than the first page announced, and the total moved: the listing changed between pages
                // (items removed before our position shift later ones onto pages already read), so some may have
                // been skipped. A total that is merely wrong but steady changed nothing.
                if (fullListing && read < firstTotal && totalMoved)
                {
                    complete = false;
                    var changed = $"library '{library.Name}' changed while it was read ({read} of {firstTotal} items); the next import reads it again";
                    warnings.Add(changed);
                    LogWarning(logger, backend.Name, changed);
                }
            }

            // Stored even when nothing changed, or an unchanged library would never leave full reads; only here,
            // after every page was applied, so a failure (pages committed so far stay, the rest is rolled back)
            // never moves it past unread data, and not at all when a listing may have skipped items.
            await store.ReadyAsync(cancellationToken);
            if (complete)
            {
                store.SetCursor(CursorDirection, Format(started), clock.GetUtcNow());
            }

            if (mode.Full && complete)
            {
                var finished = clock.GetUtcNow();
                store.SetCursor(FullCursorDirection, Format(finished), finished);
            }

            store.Complete();
            LogImported(logger, backend.Name, counts.Added, counts.Updated, counts.Matched, counts.Unchanged, counts.SkippedTotal);
            return new BackendImportResult(backend.Name, counts, null, warnings) { Mode = mode, ModeText = modeText };
        }
        catch (BackendException ex)
        {
            LogFailed(logger, backend.Name, ex.Message);
            return new BackendImportResult(backend.Name, counts, ex.Message, warnings) { Mode = mode, ModeText = modeText };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or a database problem must not stop the other backends; what it wrote since its last commit is
            // rolled back, and its cursor does not move, so the next import reads everything again.
            var message = $"backend {backend.Name}: import failed: {ex.GetType().Name}: {ex.Message}";
            LogFailed(logger, backend.Name, message);
            return new BackendImportResult(backend.Name, counts, message, warnings) { Mode = mode, ModeText = modeText };
        }
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A cursor we wrote; anything unreadable counts as none, which means a full import.</summary>
    private static DateTimeOffset? ReadTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private static readonly Func<ILogger, string, string, string, IDisposable?> RunScope =
        LoggerMessage.DefineScope<string, string, string>("identity={Identity} backend={Backend} run={RunId}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Backend}: {Warning}")]
    private static partial void LogWarning(ILogger logger, string backend, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Backend}: reading {Mode}")]
    private static partial void LogMode(ILogger logger, string backend, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Backend}: library '{Library}' skipped ({Type} libraries hold no movies or episodes)")]
    private static partial void LogLibrarySkipped(ILogger logger, string backend, string library, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Backend}: imported: {Added} added, {Updated} updated, {Matched} matched, {Unchanged} unchanged, {Skipped} skipped")]
    private static partial void LogImported(ILogger logger, string backend, int added, int updated, int matched, int unchanged, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Backend} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string backend, string error);
}
