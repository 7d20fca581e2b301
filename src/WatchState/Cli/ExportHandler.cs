using WatchState.Configuration;
using WatchState.Export;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Cli;

/// <summary>Plans an export, prints the plan, then (unless a dry run) writes through the outbox and prints the results.</summary>
internal sealed class ExportHandler(
    IdentityRunner identities, AppSettings settings, Exporter exporter, Database database, SafetySnapshot safety, CliOutput output)
{
    public Task<int> RunAsync(IdentityScope scope, ExportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return identities.RunAsync(scope, options.Output == OutputFormat.Json, async identity =>
        {
            var (code, selected) = await SelectAsync(identity, options.Backends, cancellationToken);
            return code != CliContext.Ok ? code : await RunAsync(identity, selected, options, itemId: null, cancellationToken);
        });
    }

    /// <summary>
    /// Exports one identity's state to <paramref name="backends"/> (that identity's, so its users and tokens);
    /// <paramref name="itemId"/> limits the plan to one item.
    /// </summary>
    public async Task<int> RunAsync(
        string identity, IReadOnlyList<BackendConfig> backends, ExportOptions options, long? itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(options);
        var json = options.Output == OutputFormat.Json;
        foreach (var disabled in backends.Where(b => !b.ExportEnabled))
        {
            output.Warning($"{disabled.Name}: export is disabled for this backend (export.enabled in {identities.DisplayPath(identity)}); skipped");
        }

        var request = new ExportRequest(backends.Where(b => b.ExportEnabled).ToList())
        {
            Identity = identity,
            ForceFull = options.ForceFull,
            ItemId = itemId,
            MinProgressMs = (long)settings.ProgressMinimum.TotalMilliseconds,
            ProgressThreshold = settings.ProgressThreshold,
        };
        if (request.Backends.Count == 0)
        {
            output.Error("No selected backend has export enabled: nothing to do.");
            return CliContext.Failed;
        }

        if (options.ForceFull && !options.DryRun)
        {
            await safety.TakeOnceAsync("before-full-export", cancellationToken);
        }

        var plan = await exporter.PlanAsync(request, cancellationToken);
        if (!json)
        {
            ExportText.Plan(output, plan);
        }

        IReadOnlyList<DrainResult> results = [];
        List<OutboxEntry> failed = [];
        if (options.DryRun)
        {
            if (!json)
            {
                output.Line("Dry run: nothing was written.");
            }
        }
        else
        {
            results = await exporter.ApplyAsync(request, plan, cancellationToken);
            await using var connection = await database.OpenAsync(cancellationToken);
            var names = request.Backends.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
            failed = (await new OutboxStore(connection, request.Identity).ListAsync(failedOnly: true, cancellationToken))
                .Where(e => names.Contains(e.Backend) && (itemId is null || e.ItemId == itemId))
                .ToList();
        }

        if (json)
        {
            output.Json(
                new ExportJson(
                    options.DryRun,
                    plan.Counts.Items,
                    [.. plan.Writes.Select(PlannedWriteJson.From)],
                    plan.Counts.Missing,
                    [.. results.Select(r => new DrainJson(r.Backend, r.Done, r.Pending, r.Failed, r.Dropped, r.Error))],
                    [.. failed.Select(OutboxJson.From)])
                { Ignored = plan.Counts.Ignored },
                ExportJsonContext.Default.ExportJson);
        }
        else
        {
            ExportText.Results(output, results, failed);
        }

        return results.All(r => r.Complete) && failed.Count == 0 ? CliContext.Ok : CliContext.Failed;
    }

    /// <summary>The identity's configured backends, or those named; a usage error for an unknown name.</summary>
    public async Task<(int Code, IReadOnlyList<BackendConfig> Selected)> SelectAsync(
        string identity, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var configured = await identities.LoadAsync(identity, cancellationToken);
        if (configured.Count == 0)
        {
            output.Error($"No backends in {identities.DisplayPath(identity)}. Add one with: watchstate backend:add --help");
            return (CliContext.Failed, []);
        }

        var unknown = names.Where(n => configured.All(b => !string.Equals(b.Name, n, StringComparison.Ordinal))).ToArray();
        if (unknown.Length > 0)
        {
            output.Error($"Unknown backend {string.Join(", ", unknown.Select(n => $"'{n}'"))}; configured: {string.Join(", ", configured.Select(b => b.Name))}");
            return (CliContext.Usage, []);
        }

        return (CliContext.Ok, configured.Where(b => names.Count == 0 || names.Contains(b.Name, StringComparer.Ordinal)).ToList());
    }
}
