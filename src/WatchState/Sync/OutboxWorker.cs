using Microsoft.Extensions.Options;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Export;
using WatchState.Ignoring;
using WatchState.Storage;

namespace WatchState.Sync;

/// <summary>
/// Sends the outbox's pending writes: every backend at once (a server that is down holds up no other), each in
/// batches with a bounded number of writes in flight. Temporary failures stay pending with a growing delay; refusals
/// are recorded as failed with the server's reason.
/// </summary>
public sealed partial class OutboxWorker(
    IMediaServerFactory servers, Database database, IgnoreFile ignoreFile, TimeProvider clock, IOptions<OutboxWorkerOptions> options, ILogger<OutboxWorker> logger)
{
    /// <param name="dueOnly">Only writes whose retry time has come (the scheduler); false sends every pending write (a command run).</param>
    public async Task<IReadOnlyList<DrainResult>> DrainAsync(
        string identity, IReadOnlyList<BackendConfig> backends, bool dueOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var ignore = await ignoreFile.LoadRulesAsync(cancellationToken);
        return await Task.WhenAll(backends.Select(b => DrainBackendAsync(identity, b, dueOnly, ignore, cancellationToken)));
    }

    private async Task<DrainResult> DrainBackendAsync(
        string identity, BackendConfig backend, bool dueOnly, IgnoreRules ignore, CancellationToken cancellationToken)
    {
        // Off the caller's thread at once, so one backend's synchronous work never delays starting the next.
        await Task.Yield();
        await using var connection = await database.OpenAsync(cancellationToken);
        var store = new OutboxStore(connection, identity);
        var pending = await store.PendingAsync(backend.Name, dueOnly ? clock.GetUtcNow() : null, cancellationToken);
        if (pending.Count == 0)
        {
            return DrainResult.Empty(backend.Name);
        }

        var settings = options.Value;
        var tally = new Tally(backend.Name);
        IPlayStateWriter writer;
        int concurrency;
        try
        {
            concurrency = settings.ConcurrencyOf(backend);
            writer = servers.Create(backend) as IPlayStateWriter
                ?? throw new BackendException(backend.Name, $"writing play state to {backend.Type} servers is not supported yet");
        }
        catch (BackendException ex)
        {
            // Nothing can be sent this run; the writes wait (and count their attempt) rather than being lost.
            var outcomes = pending.Select(e => OutboxBatch.Retry(e, ex.Message, settings, clock.GetUtcNow())).ToList();
            await OutboxOutcomes.SaveAsync(connection, identity, backend.Name, outcomes, [], new Dictionary<string, Domain.BackendView>(), clock.GetUtcNow(), cancellationToken);
            tally.Add(outcomes);
            return tally.Result(ex.Message);
        }

        var batch = new OutboxBatch(connection, identity, backend, writer, concurrency, settings, clock, ignore);
        string? error = null;
        foreach (var chunk in pending.Chunk(settings.BatchSize))
        {
            if (error is not null)
            {
                // The server failed the last batch's reads: the rest waits for the next run instead of timing out one by one.
                var waiting = chunk.Select(e => OutboxBatch.Retry(e, error, settings, clock.GetUtcNow())).ToList();
                await OutboxOutcomes.SaveAsync(connection, identity, backend.Name, waiting, [], new Dictionary<string, Domain.BackendView>(), clock.GetUtcNow(), cancellationToken);
                tally.Add(waiting);
                continue;
            }

            var (outcomes, batchError) = await batch.RunAsync(chunk, cancellationToken);
            tally.Add(outcomes);
            error = batchError;
        }

        LogDrained(logger, backend.Name, tally.Done, tally.Pending, tally.Failed, tally.Dropped);
        if (error is not null)
        {
            LogBackendFailed(logger, backend.Name, error);
        }

        return tally.Result(error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Backend}: export: {Done} written, {Pending} pending, {Failed} failed, {Dropped} dropped")]
    private static partial void LogDrained(ILogger logger, string backend, int done, int pending, int failed, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Backend}: export paused: {Error}")]
    private static partial void LogBackendFailed(ILogger logger, string backend, string error);

    private sealed class Tally(string backend)
    {
        public int Done { get; private set; }
        public int Pending { get; private set; }
        public int Failed { get; private set; }
        public int Dropped { get; private set; }

        public void Add(IEnumerable<OutboxOutcome> outcomes)
        {
            foreach (var o in outcomes)
            {
                switch (o.Status)
                {
                    case OutboxStatus.Done: Done++; break;
                    case OutboxStatus.Pending: Pending++; break;
                    case OutboxStatus.Failed: Failed++; break;
                    default: Dropped++; break;
                }
            }
        }

        public DrainResult Result(string? error) => new(backend, Done, Pending, Failed, Dropped, error);
    }
}
