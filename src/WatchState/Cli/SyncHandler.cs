namespace WatchState.Cli;

/// <summary><c>state:sync</c>: import from every selected backend, then export the differences to them.</summary>
internal sealed class SyncHandler(ImportHandler import, ExportHandler export, IdentityRunner identities, CliOutput output)
{
    public Task<int> RunAsync(IdentityScope scope, ExportOptions options, CancellationToken cancellationToken) =>
        identities.RunAsync(scope, json: false, identity => RunAsync(identity, options, cancellationToken));

    /// <summary>Syncs one identity: its backends, as its users, into and out of its own state only.</summary>
    public async Task<int> RunAsync(string identity, ExportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (code, selected) = await export.SelectAsync(identity, options.Backends, cancellationToken);
        if (code != CliContext.Ok)
        {
            return code;
        }

        // A backend whose import failed is still exported to: its writes wait in the outbox if it is down, and the
        // other backends must not wait for it.
        var imported = await import.RunAsync(identity, new ImportOptions(options.Backends, options.DryRun, options.ForceFull, MetadataOnly: false), cancellationToken);
        output.Line("");
        var exported = await export.RunAsync(identity, selected.Where(b => b.ExportEnabled).ToList(), options, itemId: null, cancellationToken);
        return Math.Max(imported, exported);
    }
}
