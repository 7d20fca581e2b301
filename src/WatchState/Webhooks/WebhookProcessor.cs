using Microsoft.Data.Sqlite;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Identities;
using WatchState.Ignoring;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Webhooks;

/// <summary>
/// Applies pending inbox rows in the order they arrived: parse the stored request again, route it, apply its
/// observations through the import path (the reconciler decides, only changes are written, history says why),
/// and mark the row done in the same transaction. A crash before the commit leaves the row pending and nothing
/// applied; after it, the row is done and is never applied again. Each event is applied to the identity of the
/// user who played (<see cref="IdentityRouter"/>), never to anyone else's.
/// </summary>
public sealed partial class WebhookProcessor(
    Database database, IdentityDirectory identities, IgnoreFile ignoreFile, WebhookParsers parsers, AppSettings settings, TimeProvider clock, ILogger<WebhookProcessor> logger)
{
    /// <summary>The identity of <c>config/servers.yaml</c>.</summary>
    public const string Identity = IdentityFiles.Main;

    /// <summary>A row whose apply throws this often (a database error, a bug) is given up as failed.</summary>
    public const int MaxAttempts = 5;

    private const int BatchSize = 100;

    /// <summary>Called with the row id after its changes are written and before the commit; tests throw here to "crash".</summary>
    internal Action<long>? BeforeCommit { get; set; }

    /// <summary>Applies every pending row.</summary>
    public async Task<WebhookDrain> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var backends = await identities.LoadAsync(cancellationToken);
        var ignore = await ignoreFile.LoadRulesAsync(cancellationToken);
        var done = 0;
        var changed = 0;
        var changedIdentities = new HashSet<string>(StringComparer.Ordinal);
        var failedIds = new HashSet<long>();
        while (true)
        {
            var batch = (await InboxStore.PendingAsync(connection, BatchSize + failedIds.Count, cancellationToken))
                .Where(e => !failedIds.Contains(e.Id))
                .ToList();
            if (batch.Count == 0)
            {
                return new WebhookDrain(done, changed) { ChangedIdentities = changedIdentities };
            }

            foreach (var entry in batch)
            {
                if (await ProcessAsync(connection, entry, backends, ignore, cancellationToken) is { } changedState)
                {
                    done++;
                    changed += changedState.Count > 0 ? 1 : 0;
                    changedIdentities.UnionWith(changedState);
                }
                else
                {
                    // Retried on the next wake-up, not in a tight loop now.
                    failedIds.Add(entry.Id);
                }
            }
        }
    }

    /// <returns>Null when the attempt failed; otherwise the identities whose local state changed.</returns>
    private async Task<IReadOnlyList<string>?> ProcessAsync(
        SqliteConnection connection, InboxEntry entry, IReadOnlyList<IdentityBackends> backends, IgnoreRules ignore, CancellationToken cancellationToken)
    {
        ParsedWebhook? parsed = null;
        string? parseError = null;
        try
        {
            parsed = await parsers.ParseStoredAsync(new WebhookRequest(entry.ContentType, entry.UserAgent, entry.Body), entry.ReceivedAt, cancellationToken);
        }
        catch (WebhookParseException e)
        {
            parseError = e.Message;
        }

        try
        {
            using var turn = await database.Writes.EnterAsync(cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);
            var (status, reason, routed, applied, changed) = parsed is null
                ? (InboxStatus.Failed, parseError, null, null, [])
                : Apply(connection, transaction, parsed, backends, ignore);
            BeforeCommit?.Invoke(entry.Id);
            if (InboxStore.MarkDone(connection, transaction, entry.Id, status, reason, routed, clock.GetUtcNow(), applied))
            {
                transaction.Commit();
                LogDone(logger, entry.Id, entry.Source, entry.Event, status, reason ?? "");
            }

            // Otherwise another process finished it first: the rollback on dispose keeps it applied once.
            return changed;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            LogFailed(logger, entry.Id, e.Message);
            await InboxStore.RecordFailureAsync(connection, entry.Id, $"{e.GetType().Name}: {e.Message}", MaxAttempts, clock.GetUtcNow(), cancellationToken);
            return null;
        }
    }

    private (string Status, string? Reason, string? Backends, string? Identities, IReadOnlyList<string> Changed) Apply(
        SqliteConnection connection, SqliteTransaction transaction, ParsedWebhook parsed, IReadOnlyList<IdentityBackends> identities, IgnoreRules ignore)
    {
        if (parsed.Observations.Count == 0)
        {
            return (InboxStatus.Ignored, parsed.Note ?? "nothing to apply", null, null, []);
        }

        var route = IdentityRouter.Route(parsed, identities);
        if (route.Ignored is not null)
        {
            return (InboxStatus.Ignored, route.Ignored, null, null, []);
        }

        if (IgnoredItem(parsed, route.Targets, ignore) is { } ignored)
        {
            return (InboxStatus.Ignored, ignored, null, null, []);
        }

        var outcomes = new List<string>();
        var changed = new List<string>();
        foreach (var target in route.Targets)
        {
            var (outcome, targetChanged) = ApplyTo(connection, transaction, parsed, target, ignore);
            outcomes.Add(route.Targets.Count == 1 && target.Identity == Identity ? outcome : $"{target.Identity}: {outcome}");
            if (targetChanged)
            {
                changed.Add(target.Identity);
            }
        }

        var backends = route.Targets.SelectMany(t => t.Backends).Select(b => b.Name).Distinct(StringComparer.Ordinal);
        return (InboxStatus.Applied, string.Join("; ", outcomes), string.Join(",", backends), string.Join(",", route.Targets.Select(t => t.Identity)), changed);
    }

    /// <summary>
    /// The reason when every item of the event is ignored (config/ignore.yaml item rules) on every backend it was routed
    /// to: the event is dropped whole. An event partly about ignored items applies the rest; the import path skips those.
    /// </summary>
    private static string? IgnoredItem(ParsedWebhook parsed, IReadOnlyList<IdentityTarget> targets, IgnoreRules ignore)
    {
        if (!ignore.HasItemRules)
        {
            return null;
        }

        IgnoreRule? first = null;
        foreach (var backend in targets.SelectMany(t => t.Backends))
        {
            foreach (var observation in parsed.Observations)
            {
                if (ignore.ItemRuleFor(backend.Name, observation.RemoteId, observation.ShowRemoteId) is not { } rule)
                {
                    return null;
                }

                first ??= rule;
            }
        }

        return first is null ? null : IgnoreRules.Reason(first);
    }

    private (string Outcome, bool Changed) ApplyTo(
        SqliteConnection connection, SqliteTransaction transaction, ParsedWebhook parsed, IdentityTarget target, IgnoreRules ignore)
    {
        var outcomes = new List<string>(target.Backends.Count);
        var changed = false;
        foreach (var backend in target.Backends)
        {
            var counts = new ImportCounts();
            var options = new ReconcileOptions
            {
                ImportEnabled = backend.ImportEnabled,
                MinProgressMs = (long)settings.ProgressMinimum.TotalMilliseconds,
            };
            var observations = parsed.Observations.Select(o => o with { Backend = backend.Name }).ToList();

            // One store at a time: each reads the next item id after the previous one has written its items.
            using (var store = new ImportStore(connection, transaction, target.Identity, backend.Name))
            {
                new PageImporter(store, options, counts, ignore).Apply(new ItemPage(observations, [], observations.Count), clock.GetUtcNow());
                store.Complete();
            }

            outcomes.Add($"{backend.Name}: {Describe(counts)}");
            changed |= counts.Added + counts.Updated > 0;
        }

        return (string.Join("; ", outcomes), changed);
    }

    private static string Describe(ImportCounts counts)
    {
        var parts = new List<string>();
        Add(parts, counts.Added, "added");
        Add(parts, counts.Updated, "updated");
        Add(parts, counts.Matched, "matched, state kept");
        Add(parts, counts.Unchanged, "unchanged");
        Add(parts, counts.Refused, "change(s) refused, see history:show");
        Add(parts, counts.Conflicts, "conflict(s)");
        parts.AddRange(counts.Skipped.Select(s => $"skipped ({s.Key})"));
        return parts.Count == 0 ? "nothing to do" : string.Join(", ", parts);
    }

    private static void Add(List<string> parts, int count, string what)
    {
        if (count > 0)
        {
            parts.Add($"{count} {what}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "webhook #{Id} ({Source} {Event}): {Status} {Reason}")]
    private static partial void LogDone(ILogger logger, long id, string source, string @event, string status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook #{Id} failed, will retry: {Error}")]
    private static partial void LogFailed(ILogger logger, long id, string error);
}

/// <summary>What one drain of the inbox did.</summary>
/// <param name="Finished">Rows marked applied, ignored or failed.</param>
/// <param name="Changed">Rows whose apply changed local state (created or updated an item): those need pushing.</param>
public sealed record WebhookDrain(int Finished, int Changed)
{
    /// <summary>The identities whose local state changed: the pusher exports those.</summary>
    public IReadOnlyCollection<string> ChangedIdentities { get; init; } = [];
}
