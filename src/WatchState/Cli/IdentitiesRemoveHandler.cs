using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary>Removes an identity's folder under <c>config/users</c> and, unless kept, its rows in the database.</summary>
internal sealed class IdentitiesRemoveHandler(IdentityFiles files, IdentityPurge store, CliOutput output)
{
    public async Task<int> RunAsync(string name, bool dryRun, bool keepState, CancellationToken cancellationToken)
    {
        if (name == IdentityFiles.Main)
        {
            throw new ConfigException(
                $"the identity '{IdentityFiles.Main}' is config/servers.yaml and cannot be removed (remove its backends with backend:remove)");
        }

        var hasFile = files.Exists(name);
        if (!hasFile && (keepState || !IdentityFiles.IsValidName(name) || !(await store.ItemCountsAsync(cancellationToken)).ContainsKey(name)))
        {
            // A name with rows but no file (left by --keep-state) can still be purged.
            throw new UnknownIdentityException(name, files.List());
        }

        var what = hasFile ? $"identity '{name}' ({Folder(name)})" : $"identity '{name}' (no servers file, rows only)";

        // The file goes first (as on the identities page), so a running server stops syncing the identity before
        // its rows are deleted rather than writing new ones behind the purge.
        if (!dryRun && hasFile)
        {
            files.Remove(name);
        }

        var rows = keepState ? [] : await store.PurgeAsync(name, dryRun, cancellationToken);
        var counts = rows.Count == 0 ? "play state kept" : string.Join(", ", rows.Select(r => $"{r.Table} {r.Rows}"));
        if (dryRun)
        {
            output.Line($"Dry run: would remove {what}; rows: {counts}. Nothing was removed.");
            return CliContext.Ok;
        }

        output.Success($"Removed {what}; rows: {counts}");
        return CliContext.Ok;
    }

    private string Folder(string name) => Path.GetDirectoryName(files.DisplayPath(name)) + "/";
}
