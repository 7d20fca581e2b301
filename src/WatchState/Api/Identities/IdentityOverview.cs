using Dapper;
using WatchState.Identities;
using WatchState.Storage;

namespace WatchState.Api.Identities;

/// <summary>
/// The identities as the API and the identities page show them (servers file, users, item counts) and their
/// removal, so both answer the same and refuse the same.
/// </summary>
internal sealed class IdentityOverview(IdentityFiles files, Database database)
{
    /// <summary>Every identity, <c>main</c> first, with one count query for all of them.</summary>
    public async Task<IReadOnlyList<IdentityDto>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await files.LoadAllAsync(cancellationToken);
        Dictionary<string, long> counts;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var rows = await connection.QueryAsync<(string Identity, long Count)>(
                new CommandDefinition("SELECT identity, COUNT(*) FROM items GROUP BY identity", cancellationToken: cancellationToken));
            counts = rows.ToDictionary(r => r.Identity, r => r.Count, StringComparer.Ordinal);
        }

        return [.. all.Select(i => new IdentityDto(
            i.Identity,
            i.Identity == IdentityFiles.Main,
            files.DisplayPath(i.Identity),
            counts.GetValueOrDefault(i.Identity),
            [.. i.Backends.Select(b => new IdentityBackendDto(b.Name, b.Type.ToString().ToLowerInvariant(), b.User))]))];
    }

    /// <summary>Whether <paramref name="identity"/> can be browsed: a valid name with a servers file.</summary>
    public bool Exists(string? identity) => identity is not null && files.Exists(identity);

    /// <summary>Deletes the identity's servers file (its folder under config/users).</summary>
    /// <exception cref="ApiException">400 for <c>main</c>, 404 for an identity that does not exist.</exception>
    public void Remove(string identity)
    {
        if (identity == IdentityFiles.Main)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "the identity 'main' is config/servers.yaml and cannot be removed");
        }

        if (!files.Exists(identity) || !files.Remove(identity))
        {
            throw new ApiException(StatusCodes.Status404NotFound, $"no identity '{identity}'; list them with GET /v1/api/identities");
        }
    }
}
