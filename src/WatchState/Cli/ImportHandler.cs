using System.Globalization;
using WatchState.Configuration;
using WatchState.Sync;

namespace WatchState.Cli;

internal sealed class ImportHandler(ServersFile servers, AppSettings settings, Importer importer, CliOutput output, CliHost host)
{
    public async Task<int> RunAsync(ImportOptions options, CancellationToken cancellationToken)
    {
        var configured = await servers.LoadAsync(cancellationToken);
        if (configured.Count == 0)
        {
            output.Error($"No backends in {servers.DisplayName}. Add one with: watchstate backend:add --help");
            return CliContext.Failed;
        }

        var unknown = options.Backends.Where(n => configured.All(b => !string.Equals(b.Name, n, StringComparison.Ordinal))).ToArray();
        if (unknown.Length > 0)
        {
            output.Error($"Unknown backend {string.Join(", ", unknown.Select(n => $"'{n}'"))}; configured: {string.Join(", ", configured.Select(b => b.Name))}");
            return CliContext.Usage;
        }

        var selected = configured
            .Where(b => options.Backends.Count == 0 || options.Backends.Contains(b.Name, StringComparer.Ordinal))
            .Select(WithDefaults)
            .ToArray();
        var request = new ImportRequest(selected)
        {
            DryRun = options.DryRun,
            ForceFull = options.ForceFull,
            FullSchedule = settings.ImportFullSchedule,
            TimeZone = settings.TimeZone,
            MetadataOnly = options.MetadataOnly,
            JellyfinFixPlayed = settings.JellyfinFixPlayed,
        };

        var results = await ImportProgressViews.RunAsync(output, host, progress => importer.RunAsync(request, progress, cancellationToken));
        ImportSummary.Write(output, results, options.DryRun);
        return results.All(r => r.Succeeded) ? CliContext.Ok : CliContext.Failed;
    }

    // WS_LIBRARY_SEGMENT is the default page size; a backend's own option wins.
    private BackendConfig WithDefaults(BackendConfig backend)
    {
        if (backend.Options.Keys.Any(k => k.EndsWith("LIBRARY_SEGMENT", StringComparison.OrdinalIgnoreCase)))
        {
            return backend;
        }

        var options = new Dictionary<string, string>(backend.Options, StringComparer.Ordinal)
        {
            ["LIBRARY_SEGMENT"] = settings.LibrarySegment.ToString(CultureInfo.InvariantCulture),
        };
        return backend with { Options = options };
    }
}
