using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Export;
using WatchState.Ignoring;
using WatchState.Storage;

namespace WatchState.Sync;

/// <summary>
/// One batch of writes to one server. Right before writing it reads the items' current remote state and the
/// sessions in bulk: a write the remote has overtaken is dropped and the remote's change reconciled instead, and
/// an item being played is left for later. After writing it reads the written items back, so the stored views
/// match the server and the next plan finds nothing to do.
/// </summary>
internal sealed class OutboxBatch(
    SqliteConnection connection,
    string identity,
    BackendConfig backend,
    IPlayStateWriter writer,
    int concurrency,
    OutboxWorkerOptions settings,
    TimeProvider clock,
    IgnoreRules ignore)
{
    public const string BeingPlayed = "being played right now; tried again later";
    public const string Overtaken = "changed on the server since planning; its change was reconciled instead";
    public const string Gone = "no longer on the server";
    public const string NotAppliedUnplayed = "the server answered the write but still reports the item unplayed";
    public const string NotAppliedPlayed = "the server answered the write but still reports the item played";

    /// <returns>The outcomes, and the error when the server could not be read at all (the rest of the run waits).</returns>
    public async Task<(IReadOnlyList<OutboxOutcome> Outcomes, string? Error)> RunAsync(
        IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        // config/ignore.yaml item rules: a write queued before the rule is dropped, never sent.
        var ignored = new List<OutboxOutcome>();
        if (ignore.HasItemRules)
        {
            var kept = new List<OutboxEntry>(entries.Count);
            foreach (var entry in entries)
            {
                if (ignore.ItemRuleFor(backend.Name, entry.Write.RemoteId) is { } rule)
                {
                    ignored.Add(new OutboxOutcome(entry, OutboxStatus.Dropped, false, IgnoreRules.Reason(rule), clock.GetUtcNow()));
                }
                else
                {
                    kept.Add(entry);
                }
            }

            if (kept.Count == 0)
            {
                await SaveAsync(ignored, [], new Dictionary<string, BackendView>(), cancellationToken);
                return (ignored, null);
            }

            entries = kept;
        }

        var ids = entries.Select(e => e.Write.RemoteId).Distinct(StringComparer.Ordinal).ToList();
        IReadOnlySet<string> playing;
        IReadOnlyList<Observation> current;
        try
        {
            playing = await writer.GetPlayingAsync(cancellationToken);
            current = await writer.GetItemsAsync(ids, cancellationToken);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            var error = Message(ex);
            var waiting = ignored.Concat(entries.Select(e => Retry(e, error, settings, clock.GetUtcNow()))).ToList();
            await SaveAsync(waiting, [], new Dictionary<string, BackendView>(), cancellationToken);
            return (waiting, error);
        }

        var store = new OutboxStore(connection, identity);
        var before = await store.ViewsAsync(backend.Name, ids, cancellationToken);
        var remote = current.ToLookup(o => o.RemoteId, StringComparer.Ordinal);
        var outcomes = new List<OutboxOutcome>(entries.Count + ignored.Count);
        outcomes.AddRange(ignored);
        var toWrite = new List<OutboxEntry>(entries.Count);
        var overtaken = new List<Observation>();
        var landed = new List<Observation>();
        foreach (var entry in entries)
        {
            var id = entry.Write.RemoteId;
            var now = clock.GetUtcNow();
            var main = remote[id].FirstOrDefault(o => o.Part == 0);
            if (main?.ShowRemoteId is { } show && ignore.ItemRuleFor(backend.Name, id, show) is { } rule)
            {
                // An episode of an ignored show: the server just named its show.
                outcomes.Add(new OutboxOutcome(entry, OutboxStatus.Dropped, false, IgnoreRules.Reason(rule), now));
            }
            else if (playing.Contains(id))
            {
                outcomes.Add(new OutboxOutcome(entry, OutboxStatus.Pending, false, BeingPlayed, now + settings.PlayingDelay));
            }
            else if (main is null)
            {
                outcomes.Add(new OutboxOutcome(entry, OutboxStatus.Dropped, false, Gone, now));
            }
            else if (before.TryGetValue(id, out var stored) && !Same(stored, main) && Applied(entry, main))
            {
                // This very write already landed, but the run that sent it died before recording it (kill -9 mid-batch):
                // recorded as exported, as that run would have, not as a change someone else made on the server.
                outcomes.Add(new OutboxOutcome(entry, OutboxStatus.Done, false, null, now));
                landed.AddRange(remote[id]);
            }
            else if (before.TryGetValue(id, out stored) && !Same(stored, main))
            {
                outcomes.Add(new OutboxOutcome(entry, OutboxStatus.Dropped, false, Overtaken, now));
                overtaken.AddRange(remote[id]);
            }
            else
            {
                // Plex's timeline call wants the runtime; the planner does not know it, the server just said it.
                toWrite.Add(entry.Write.DurationMs is null && main.DurationMs is { } duration
                    ? entry with { Write = entry.Write with { DurationMs = duration } }
                    : entry);
            }
        }

        if (overtaken.Count > 0)
        {
            Reconcile(overtaken);
        }

        var written = new OutboxOutcome[toWrite.Count];
        await Parallel.ForAsync(
            0,
            toWrite.Count,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) => written[i] = await WriteAsync(toWrite[i], ct));
        outcomes.AddRange(written);

        IReadOnlyList<Observation> refreshed =
            [.. await ReadBackAsync(written.Where(o => o.Status == OutboxStatus.Done).Select(o => o.Entry.Write.RemoteId).ToList(), cancellationToken), .. landed];
        var verified = Verify(outcomes, refreshed);
        await SaveAsync(verified, refreshed, before, cancellationToken);
        return (verified, null);
    }

    public static TimeSpan BackoffFor(int attempts, OutboxWorkerOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.Backoff.Ticks * factor, settings.MaxBackoff.Ticks));
        return delay;
    }

    /// <summary>A temporary failure: try again later, or give up once out of attempts.</summary>
    public static OutboxOutcome Retry(OutboxEntry entry, string error, OutboxWorkerOptions settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(settings);
        var attempts = entry.Attempts + 1;
        return attempts >= settings.MaxAttempts
            ? new OutboxOutcome(entry, OutboxStatus.Failed, true, $"gave up after {attempts} attempts: {error}", now)
            : new OutboxOutcome(entry, OutboxStatus.Pending, true, error, now + BackoffFor(attempts, settings));
    }

    private async Task<OutboxOutcome> WriteAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await writer.WriteAsync(entry.Write, cancellationToken);
                return new OutboxOutcome(entry, OutboxStatus.Done, true, null, clock.GetUtcNow());
            }
            catch (Exception ex) when (IsFailure(ex, cancellationToken))
            {
                if (!IsTemporary(ex))
                {
                    return new OutboxOutcome(entry, OutboxStatus.Failed, true, Message(ex), clock.GetUtcNow());
                }

                if (attempt >= settings.RetriesPerRun)
                {
                    return Retry(entry, Message(ex), settings, clock.GetUtcNow());
                }

                await Task.Delay(settings.RetryDelay * Math.Pow(2, attempt), clock, cancellationToken);
            }
        }
    }

    /// <summary>The written items as the server now reports them; empty when it cannot say (the expected views are kept then).</summary>
    private async Task<IReadOnlyList<Observation>> ReadBackAsync(List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        try
        {
            return await writer.GetItemsAsync(ids, cancellationToken);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            return [];
        }
    }

    /// <summary>
    /// A write the server answered 200 to but did not apply (a proxy's login page, a server that ignored it) is not
    /// done: the read-back shows the old played state, so it is tried again later instead of being reported written.
    /// </summary>
    private List<OutboxOutcome> Verify(List<OutboxOutcome> outcomes, IReadOnlyList<Observation> refreshed)
    {
        if (refreshed.Count == 0)
        {
            return outcomes;
        }

        var played = refreshed.Where(o => o.Part == 0).GroupBy(o => o.RemoteId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Played, StringComparer.Ordinal);
        return [.. outcomes.Select(o =>
            o.Status == OutboxStatus.Done && played.TryGetValue(o.Entry.Write.RemoteId, out var now) && Contradicts(o.Entry.Write.Kind, now)
                ? Retry(o.Entry, now ? NotAppliedPlayed : NotAppliedUnplayed, settings, clock.GetUtcNow())
                : o)];
    }

    /// <summary>The server already shows what the write would make it show.</summary>
    private bool Applied(OutboxEntry entry, Observation remote)
    {
        var write = entry.Write;
        return write.Kind switch
        {
            RemoteWriteKind.MarkPlayed => remote.Played && (write.PlayedAt is null || PlayedByThisWrite(entry, remote)),
            RemoteWriteKind.MarkUnplayed => !remote.Played && remote.ProgressMs == 0,
            RemoteWriteKind.SetProgress => !remote.Played && Math.Abs(remote.ProgressMs - write.PositionMs) <= 1_000,

            // Still played: an item the user marked unplayed there has no resume point either, but that is their change.
            RemoteWriteKind.ClearProgress => remote.Played && remote.ProgressMs == 0,
            _ => false,
        };
    }

    /// <summary>
    /// The play the remote shows is this write's: it carries the write's date (on Plex, one from after the write was
    /// queued). A play of the server's own at another time is someone else's change, reconciled as such.
    /// </summary>
    private bool PlayedByThisWrite(OutboxEntry entry, Observation remote)
    {
        if (remote.PlayedAt is not { } seen)
        {
            return false;
        }

        if (backend.Type != BackendType.Plex)
        {
            return entry.Write.PlayedAt is { } at && Math.Abs((seen - at).TotalSeconds) < 1;
        }

        // Plex dates a scrobble with its own clock (see IPlayStateWriter.WriteAsync): a write of ours that landed shows
        // the moment it was sent, never the date it carried. Nothing of this row was sent before the row was first
        // queued (a later plan replacing an open row keeps that time), so a play dated from then on is taken as ours,
        // and one dated before it is the user's own, which overtakes the write. Plex keeps whole seconds: the queue
        // time is rounded down. A misjudged play costs little either way: the item ends played on Plex as planned and
        // only the history names the other author (say with Plex's clock behind ours, or a play there right after queueing).
        var queued = DateTimeOffset.FromUnixTimeSeconds(entry.CreatedAt.ToUnixTimeSeconds());
        return seen >= queued;
    }

    private static bool Contradicts(RemoteWriteKind kind, bool played) =>
        (kind == RemoteWriteKind.MarkPlayed && !played) || (kind == RemoteWriteKind.MarkUnplayed && played);

    /// <summary>The remote's own newer change goes through the import path: the Reconciler decides, the view is stored.</summary>
    private void Reconcile(List<Observation> observations)
    {
        using var store = new ImportStore(connection, identity, backend.Name, dryRun: false);
        var options = new ReconcileOptions { ImportEnabled = backend.ImportEnabled, MinProgressMs = settings.MinProgressMs };
        new PageImporter(store, options, new ImportCounts()).Apply(new ItemPage(observations, [], observations.Count), clock.GetUtcNow());
        store.Complete();
    }

    private Task SaveAsync(
        IReadOnlyList<OutboxOutcome> outcomes, IReadOnlyList<Observation> refreshed, IReadOnlyDictionary<string, BackendView> before, CancellationToken cancellationToken) =>
        OutboxOutcomes.SaveAsync(connection, identity, backend.Name, outcomes, refreshed, before, clock.GetUtcNow(), cancellationToken);

    private static bool Same(BackendView stored, Observation remote) =>
        stored.Played == remote.Played
        && Math.Abs(stored.ProgressMs - remote.ProgressMs) <= 1_000
        && stored.PlayedAt?.ToUnixTimeMilliseconds() == remote.PlayedAt?.ToUnixTimeMilliseconds();

    private static bool IsFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is BackendException or HttpRequestException or SocketException or IOException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Worth trying again: the server is down, slow, busy or failing (429, 5xx, timeouts).</summary>
    private static bool IsTemporary(Exception ex) => ex is not BackendException { StatusCode: { } status }
        || status is 408 or 429 or >= 500;

    private static string Message(Exception ex) => ex is OperationCanceledException ? "timed out" : ex.Message;
}
