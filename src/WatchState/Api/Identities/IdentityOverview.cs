using WatchState.Identities;
using WatchState.Storage;

namespace WatchState.Api.Identities;

/// <summary>
/// The identities as the API and the identities page show them (servers file, users, item counts) and their
/// removal, so both answer the same and refuse the same.
/// </summary>
internal sealed class IdentityOverview(IdentityFiles files, IdentityPurge purge)
{
    /// <summary>Every identity, <c>main</c> first, with one count query for all of them.</summary>
    public async Task<IReadOnlyList<IdentityDto>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await files.LoadAllAsync(cancellationToken);
        var counts = await purge.ItemCountsAsync(cancellationToken);

        return [.. all.Select(i => new IdentityDto(
            i.Identity,
            i.Identity == IdentityFiles.Main,
            files.DisplayPath(i.Identity),
            counts.GetValueOrDefault(i.Identity),
            [.. i.Backends.Select(b => new IdentityBackendDto(b.Name, b.Type.ToString().ToLowerInvariant(), b.User))]))];
    }

    /// <summary>Whether <paramref name="identity"/> can be browsed: a valid name with a servers file.</summary>
    public bool Exists(string? identity) => identity is not null && files.Exists(identity);

    /// <summary>
    /// Deletes the identity's folder under config/users, then its rows in the database (as <c>identities:remove</c>):
    /// the file first, so nothing syncs for it while its rows go.
    /// </summary>
    /// <returns>How many items it held.</returns>
    /// <exception cref="ApiException">400 for <c>main</c>, 404 for an identity that does not exist.</exception>
    public async Task<long> RemoveAsync(string identity, CancellationToken cancellationToken)
    {
        if (identity == IdentityFiles.Main)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "the identity 'main' is config/servers.yaml and cannot be removed");
        }

        if (!files.Exists(identity) || !files.Remove(identity))
        {
            throw new ApiException(StatusCodes.Status404NotFound, $"no identity '{identity}'; list them with GET /v1/api/identities");
        }

        var purged = await purge.PurgeAsync(identity, dryRun: false, cancellationToken);
        return purged.FirstOrDefault(p => p.Table == "items")?.Rows ?? 0;
    }
}
