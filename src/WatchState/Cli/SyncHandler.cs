using WatchState.Configuration;

namespace WatchState.Cli;

/// <summary><c>state:sync</c>: import from every selected backend, then export the differences to them.</summary>
internal sealed class SyncHandler(ImportHandler import, ExportHandler export, ServersFile servers, CliOutput output)
{
    public async Task<int> RunAsync(ExportOptions options, CancellationToken cancellationToken)
    {
        var configured = await servers.LoadAsync(cancellationToken);
        var (code, selected) = export.Select(configured, options.Backends);
        if (code != CliContext.Ok)
        {
            return code;
        }

        // A backend whose import failed is still exported to: its writes wait in the outbox if it is down, and the
        // other backends must not wait for it.
        var imported = await import.RunAsync(new ImportOptions(options.Backends, options.DryRun, options.ForceFull, MetadataOnly: false), cancellationToken);
        output.Line("");
        var exported = await export.RunAsync(selected.Where(b => b.ExportEnabled).ToList(), options, itemId: null, cancellationToken);
        return Math.Max(imported, exported);
    }
}
