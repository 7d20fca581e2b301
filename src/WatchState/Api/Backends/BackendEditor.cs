using WatchState.Backends;
using WatchState.Cli;
using WatchState.Configuration;
using WatchState.Live;
using WatchState.Sync;

namespace WatchState.Api.Backends;

/// <summary>
/// Changes <c>servers.yaml</c> for the API the way <c>backend:add</c> does: nothing is stored before the server
/// answered, a user is settled (and for Plex that user's own token obtained), and the file is re-read just
/// before writing so a change made meanwhile is not lost.
/// </summary>
/// <exception cref="ApiException">Every refusal, with the status to answer (400, 404, 409).</exception>
internal sealed class BackendEditor(ServersFile servers, IMediaServerFactory factory)
{
    public async Task<BackendConfig> AddAsync(BackendAddBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var config = Validate(body);
        await EnsureNewAsync(config.Name, cancellationToken);

        var info = await ConnectAsync(config, cancellationToken);
        config = config with { Uuid = info.Id };
        var client = factory.Create(config);
        var scope = client is IUserTokenIssuer tokens ? await tokens.GetTokenScopeAsync(cancellationToken) : null;
        var (user, unlisted) = await ChooseUserAsync(client, body.User, cancellationToken);
        config = config with { User = user.Id };
        if (client is IUserTokenIssuer issuer && !unlisted && scope?.Kind == TokenScopeKind.Admin)
        {
            var access = await Remote(() => issuer.GetUserAccessAsync(user, body.Pin, cancellationToken));
            config = config with { Token = access.Token, Options = Merge(config.Options, access.Options.ToDictionary(o => o.Key, string? (o) => o.Value, StringComparer.Ordinal)) };
        }
        else if (unlisted || scope?.Kind == TokenScopeKind.Limited)
        {
            config = config with { Options = Merge(config.Options, new Dictionary<string, string?> { ["is_limited_token"] = "true" }) };
        }
        else if (scope?.Kind == TokenScopeKind.Unknown && !user.IsAdmin)
        {
            throw new ApiException($"cannot obtain {user.Name}'s own token without plex.tv ({scope.Reason}); try again when plex.tv can be reached");
        }

        var current = await servers.LoadAsync(cancellationToken);
        EnsureNew(config.Name, current);
        await servers.SaveAsync([.. current, config], cancellationToken);
        return config;
    }

    public async Task<BackendConfig> FindAsync(string name, CancellationToken cancellationToken) =>
        Find(await servers.LoadAsync(cancellationToken), name);

    public async Task<BackendConfig> UpdateAsync(string name, BackendPatchBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var backend = await FindAsync(name, cancellationToken);
        var updated = backend;
        if (body.Url is not null)
        {
            updated = updated with { Url = ConfigValues.TryParseHttpUrl(body.Url, out var url) ? url : throw new ApiException($"url {ConfigValues.NotAUrl(body.Url)}") };
        }

        if (body.Token is not null)
        {
            updated = updated with { Token = string.IsNullOrWhiteSpace(body.Token) ? throw new ApiException("token is empty") : body.Token.Trim() };
        }

        updated = updated with
        {
            ImportEnabled = body.Import ?? updated.ImportEnabled,
            ExportEnabled = body.Export ?? updated.ExportEnabled,
        };
        var options = new Dictionary<string, string?>(body.Options ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        if (body.Live is { } live)
        {
            options[LiveSettings.Key] = live ? "true" : "false";
        }

        updated = updated with { Options = Merge(updated.Options, options) };
        if (updated.Url != backend.Url || updated.Token != backend.Token)
        {
            // A new address or token is only kept once it works, as when adding.
            updated = updated with { Uuid = (await ConnectAsync(updated, cancellationToken)).Id };
        }

        if (body.User is not null)
        {
            var (user, _) = await ChooseUserAsync(factory.Create(updated), body.User, cancellationToken);
            updated = updated with { User = user.Id };
        }

        return await ReplaceAsync(name, _ => updated, cancellationToken);
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        Find(backends, name);
        await servers.SaveAsync([.. backends.Where(b => b.Name != name)], cancellationToken);
    }

    public Task<BackendConfig> IgnoreLibraryAsync(string name, string libraryId, bool ignore, CancellationToken cancellationToken) =>
        ReplaceAsync(name, b => IgnoredLibraries.With(b, libraryId, ignore), cancellationToken);

    /// <summary>Reads the server's identity; a failure is a 400 with the server's error.</summary>
    public async Task<ServerInfo> ConnectAsync(BackendConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return await factory.Create(config).GetInfoAsync(cancellationToken);
        }
        catch (BackendException ex)
        {
            var hinted = BackendAddHandler.WithPlexDirectHint(ex, config.Url) ?? ex;
            throw new ApiException($"cannot connect to {config.Url}: {hinted.Message}");
        }
    }

    private async Task<BackendConfig> ReplaceAsync(string name, Func<BackendConfig, BackendConfig> change, CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        var updated = change(Find(backends, name));
        await servers.SaveAsync([.. backends.Select(b => b.Name == name ? updated : b)], cancellationToken);
        return updated;
    }

    private static async Task<(RemoteUser User, bool Unlisted)> ChooseUserAsync(IMediaServer client, string? requested, CancellationToken cancellationToken)
    {
        IReadOnlyList<RemoteUser> users;
        try
        {
            users = await client.GetUsersAsync(cancellationToken);
        }
        catch (UsersUnavailableException ex)
        {
            return string.IsNullOrWhiteSpace(requested)
                ? throw new ApiException($"{ex.Message}; give user: the id of the user whose play state is synced")
                : (new RemoteUser(requested.Trim(), requested.Trim(), IsAdmin: false), true);
        }
        catch (BackendException ex)
        {
            throw new ApiException($"cannot list the server's users: {ex.Message}");
        }

        if (!string.IsNullOrWhiteSpace(requested))
        {
            return (users.FirstOrDefault(u => BackendUserPicker.SameId(u.Id, requested))
                ?? throw new ApiException($"user '{requested}' is not a user of this server; use one of: {Describe(users)}"), false);
        }

        var admins = users.Where(u => u.IsAdmin).ToList();
        return admins.Count == 1
            ? (admins[0], false)
            : throw new ApiException($"which user's play state should be synced? Give user: one of {Describe(users)}");
    }

    private static async Task<T> Remote<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (BackendException ex)
        {
            throw new ApiException(ex.Message);
        }
    }

    private BackendConfig Find(IReadOnlyList<BackendConfig> backends, string name) =>
        backends.FirstOrDefault(b => b.Name == name) ?? throw new ApiException(
            StatusCodes.Status404NotFound,
            $"no backend named '{name}' in {servers.DisplayName} ({(backends.Count == 0 ? "there are none" : "known: " + string.Join(", ", backends.Select(b => b.Name)))})");

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string?> changes)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    private static BackendConfig Validate(BackendAddBody body)
    {
        if (!BackendNames.IsValid(body.Name))
        {
            throw new ApiException($"name '{body.Name}': {BackendNames.Rule}");
        }

        if (!Enum.TryParse<BackendType>(body.Type, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(body.Type, out _))
        {
            throw new ApiException($"type '{body.Type}': use one of {string.Join(", ", Enum.GetValues<BackendType>().Select(BackendDto.TypeName))}");
        }

        if (!ConfigValues.TryParseHttpUrl(body.Url, out var url))
        {
            throw new ApiException($"url {ConfigValues.NotAUrl(body.Url)}");
        }

        if (string.IsNullOrWhiteSpace(body.Token))
        {
            throw new ApiException("token is empty");
        }

        var options = body.Live is { } live ? new Dictionary<string, string> { [LiveSettings.Key] = live ? "true" : "false" } : [];
        return new BackendConfig
        {
            Name = body.Name,
            Type = type,
            Url = url,
            Token = body.Token.Trim(),
            ImportEnabled = body.Import ?? true,
            ExportEnabled = body.Export ?? true,
            Options = options,
        };
    }

    private async Task EnsureNewAsync(string name, CancellationToken cancellationToken) =>
        EnsureNew(name, await servers.LoadAsync(cancellationToken));

    private void EnsureNew(string name, IReadOnlyList<BackendConfig> backends)
    {
        if (backends.Any(b => b.Name == name))
        {
            throw new ApiException(StatusCodes.Status409Conflict, $"backend '{name}' already exists in {servers.DisplayName}; remove it first or change it with PATCH");
        }
    }

    private static string Describe(IReadOnlyList<RemoteUser> users) =>
        string.Join(", ", users.Select(u => $"{u.Id} ({u.Name}{(u.IsAdmin ? ", admin" : "")})"));
}
