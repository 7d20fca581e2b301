using System.Globalization;

namespace WatchState.Backends.Plex;

/// <summary>
/// Plex users as plex.tv knows them: the owner's Home (the owner and managed profiles) and the users the server
/// is shared with; and the way to obtain each one's own token for this server. Needs the owner's token.
/// </summary>
internal sealed class PlexUserDirectory(PlexTvApi tv, string backend)
{
    public const string HomeKind = "home";
    public const string SharedKind = "shared";
    public const string OwnerKind = "owner";

    /// <summary>Admin when plex.tv lists this server among the token's own devices.</summary>
    public async Task<TokenScope> GetScopeAsync(string token, string machineIdentifier, CancellationToken cancellationToken)
    {
        IReadOnlyList<PlexTvResourceDto> resources;
        try
        {
            resources = await tv.GetResourcesAsync(token, cancellationToken);
        }
        catch (PlexException ex) when (ex.StatusCode is 401 or 403)
        {
            // A token that only a server accepts (a shared user's server token) is refused by plex.tv itself.
            return new TokenScope(TokenScopeKind.Limited, "plex.tv does not accept this token as an account token");
        }
        catch (PlexException ex)
        {
            return new TokenScope(TokenScopeKind.Unknown, ex.Message);
        }

        return ServerIn(resources, machineIdentifier) switch
        {
            null => new TokenScope(TokenScopeKind.Limited, "this token's plex.tv account does not list the server"),
            { Owned: true } => new TokenScope(TokenScopeKind.Admin),
            _ => new TokenScope(TokenScopeKind.Limited, "the token's account is not the server owner"),
        };
    }

    /// <summary>The owner and home profiles first, then the users the server is shared with.</summary>
    public async Task<IReadOnlyList<RemoteUser>> ListAsync(string adminToken, string machineIdentifier, CancellationToken cancellationToken)
    {
        var home = await tv.GetHomeAsync(adminToken, cancellationToken);
        var users = new List<RemoteUser>();
        foreach (var user in home.Users ?? [])
        {
            if (user.Id is not > 0 || user.Guest == true)
            {
                continue;
            }

            var id = user.Id.Value.ToString(CultureInfo.InvariantCulture);
            var admin = user.Admin == true;
            users.Add(new RemoteUser(id, NameOf(user) ?? id, admin)
            {
                Uuid = user.Uuid,
                Kind = admin ? OwnerKind : HomeKind,
                NeedsPin = !admin && user.Protected == true,
                Email = Trimmed(user.Email),
            });
        }

        var known = users.Select((u, i) => (u.Id, i)).ToDictionary(u => u.Id, u => u.i, StringComparer.Ordinal);
        foreach (var shared in await tv.GetSharedUsersAsync(adminToken, cancellationToken))
        {
            var id = shared.Id.ToString(CultureInfo.InvariantCulture);
            if (known.TryGetValue(id, out var index))
            {
                // A home member with an account of its own is listed here too, sometimes with the e-mail the home list lacks.
                users[index] = users[index] with { Email = users[index].Email ?? Trimmed(shared.Email) };
                continue;
            }

            if (!SharesThisServer(shared, machineIdentifier))
            {
                continue;
            }

            known[id] = users.Count;
            users.Add(new RemoteUser(id, shared.Name, false)
            {
                Uuid = shared.Uuid,
                Kind = shared.Home ? HomeKind : SharedKind,
                Email = Trimmed(shared.Email),
            });
        }

        return users;
    }

    /// <summary>The owner keeps the admin token; a home profile switches on plex.tv; a shared user has a share token.</summary>
    public async Task<string> GetTokenAsync(
        string adminToken, string machineIdentifier, RemoteUser user, string? pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsAdmin)
        {
            return adminToken;
        }

        if (user.Kind == SharedKind)
        {
            var shares = await tv.GetSharesAsync(adminToken, machineIdentifier, cancellationToken);
            return shares.FirstOrDefault(s => s.UserId.ToString(CultureInfo.InvariantCulture) == user.Id)?.AccessToken
                ?? throw new PlexException(backend, $"plex.tv lists no share of this server with user {user.Name} ({user.Id})");
        }

        if (string.IsNullOrEmpty(user.Uuid))
        {
            throw new PlexException(backend, $"plex.tv gave no uuid for home user {user.Name} ({user.Id}); cannot switch to it");
        }

        if (user.NeedsPin && string.IsNullOrEmpty(pin))
        {
            throw new PlexException(backend, $"home user {user.Name} ({user.Id}) is protected by a PIN; pass it with --pin");
        }

        var switched = await tv.SwitchAsync(adminToken, user.Uuid, pin, cancellationToken);
        var resources = await tv.GetResourcesAsync(switched, cancellationToken);
        return ServerIn(resources, machineIdentifier)?.AccessToken is { Length: > 0 } token
            ? token
            : throw new PlexException(backend, $"plex.tv gives home user {user.Name} ({user.Id}) no access to this server");
    }

    /// <summary>This server's entry among an account's devices: it says whether the account owns it, and its token.</summary>
    private static PlexTvResourceDto? ServerIn(IReadOnlyList<PlexTvResourceDto> resources, string machineIdentifier) =>
        resources.FirstOrDefault(r =>
            string.Equals(r.ClientIdentifier, machineIdentifier, StringComparison.OrdinalIgnoreCase)
            && r.Provides?.Split(',').Contains("server", StringComparer.OrdinalIgnoreCase) == true);

    // An invited user without a server list is kept: plex.tv leaves it out for some accounts.
    private static bool SharesThisServer(PlexTvSharedUser user, string machineIdentifier) =>
        user.Servers.Count == 0 || user.Servers.Contains(machineIdentifier, StringComparer.OrdinalIgnoreCase);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? NameOf(PlexTvHomeUserDto user) =>
        new[] { user.Title, user.Username, user.FriendlyName }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
}
