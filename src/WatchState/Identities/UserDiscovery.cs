using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Identities;

/// <summary>
/// Lists the users of every <c>main</c> backend (one request each, all at once) and proposes identities from them
/// with <c>config/mapper.yaml</c>. Read-only: used by <c>identities:match</c>, provisioning and the identities page.
/// </summary>
public sealed class UserDiscovery(ServersFile servers, IMediaServerFactory factory, DataPaths paths)
{
    /// <summary>The mapping file, users, proposed groups, and notes (backends that could not list users, mapping notes).</summary>
    /// <exception cref="ConfigException">servers.yaml or mapper.yaml is broken.</exception>
    public async Task<Discovery> DiscoverAsync(CancellationToken cancellationToken)
    {
        var mapperPath = Path.Combine(paths.ConfigDir, MapperFile.FileName);
        var mapping = await MapperFile.LoadAsync(mapperPath, paths.Display(mapperPath), cancellationToken);
        var backends = await servers.LoadAsync(cancellationToken);
        var listed = await Task.WhenAll(backends.Select(b => UsersAsync(b, cancellationToken)));
        var notes = listed.Where(l => l.Problem is not null).Select(l => l.Problem!).ToList();
        var users = listed.SelectMany(l => l.Users).ToList();
        var result = UserMatcher.Match([.. users.Select(u => u.User)], mapping);
        notes.AddRange(result.Notes);
        return new Discovery(backends, users, result, notes);
    }

    private async Task<(IReadOnlyList<DiscoveredUser> Users, string? Problem)> UsersAsync(BackendConfig backend, CancellationToken cancellationToken)
    {
        try
        {
            var client = factory.Create(backend);
            var users = await client.GetUsersAsync(cancellationToken);
            return ([.. users.Select(u => new DiscoveredUser(new BackendUser(backend.Name, u.Id, u.Name, u.Email, u.IsAdmin), u))], null);
        }
        catch (BackendException e)
        {
            return ([], $"{backend.Name}: cannot list users: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return ([], $"{backend.Name}: cannot list users: {e.Message}");
        }
    }
}

/// <summary>A user as matched (<see cref="User"/>) and as the backend described them (uuid, kind, PIN).</summary>
public sealed record DiscoveredUser(BackendUser User, RemoteUser Remote);

/// <summary>What <see cref="UserDiscovery.DiscoverAsync"/> found.</summary>
/// <param name="Backends">The <c>main</c> identity's backends the users were listed from.</param>
public sealed record Discovery(
    IReadOnlyList<BackendConfig> Backends,
    IReadOnlyList<DiscoveredUser> Users,
    MatchResult Match,
    IReadOnlyList<string> Notes)
{
    /// <summary>The backend's own description of a matched user.</summary>
    public RemoteUser? Find(BackendUser user) =>
        Users.FirstOrDefault(u => u.User.Backend == user.Backend && u.User.Id == user.Id)?.Remote;
}
