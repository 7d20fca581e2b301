using WatchState.Configuration;
using WatchState.Sync;

namespace WatchState.Cli;

internal sealed class ImportHandler(
    IdentityRunner identities, AppSettings settings, Importer importer, SafetySnapshot safety, CliOutput output, CliHost host)
{
    public Task<int> RunAsync(IdentityScope scope, ImportOptions options, CancellationToken cancellationToken) =>
        identities.RunAsync(scope, json: false, identity => RunAsync(identity, options, cancellationToken));

    /// <summary>Imports the selected backends of one identity, with its users and tokens, into its own state.</summary>
    public async Task<int> RunAsync(string identity, ImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = await identities.LoadAsync(identity, cancellationToken);
        if (configured.Count == 0)
        {
            output.Error($"No backends in {identities.DisplayPath(identity)}. Add one with: watchstate backend:add --help");
            return CliContext.Failed;
        }

        var unknown = options.Backends.Where(n => configured.All(b => !string.Equals(b.Name, n, StringComparison.Ordinal))).ToArray();
        if (unknown.Length > 0)
        {
            output.Error($"Unknown backend {string.Join(", ", unknown.Select(n => $"'{n}'"))}; configured: {string.Join(", ", configured.Select(b => b.Name))}");
            return CliContext.Usage;
        }

        var selected = configured.Where(b => options.Backends.Count == 0 || options.Backends.Contains(b.Name, StringComparer.Ordinal));
        var request = ImportDefaults.Request(selected, settings) with
        {
            Identity = identity,
            DryRun = options.DryRun,
            ForceFull = options.ForceFull,
            MetadataOnly = options.MetadataOnly,
        };

        if (options.ForceFull && !options.DryRun)
        {
            await safety.TakeOnceAsync("before-full-import", cancellationToken);
        }

        var results = await ImportProgressViews.RunAsync(output, host, progress => importer.RunAsync(request, progress, cancellationToken));
        ImportSummary.Write(output, results, options.DryRun);
        return results.All(r => r.Succeeded) ? CliContext.Ok : CliContext.Failed;
    }
}
