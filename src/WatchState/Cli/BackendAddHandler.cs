using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Cli;

internal sealed record BackendAddRequest(string Name, BackendType Type, string Url, string Token, string? User, bool DryRun)
{
    /// <summary>The PIN of a protected Plex Home profile.</summary>
    public string? Pin { get; init; }
}

/// <summary>
/// Adds a backend only once it is known to work: connects, records the server's id as <c>uuid</c>, settles
/// which user's play state is synced (for Plex: obtains that user's own token), then rewrites <c>servers.yaml</c>.
/// </summary>
internal sealed class BackendAddHandler(ServersFile servers, IMediaServerFactory factory, CliOutput output)
{
    private readonly BackendUserPicker _picker = new(output);

    public async Task<int> RunAsync(BackendAddRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = Validate(request);
        await EnsureNewAsync(config.Name, cancellationToken);

        var client = factory.Create(config);
        var info = await ConnectAsync(client, config, cancellationToken);
        output.Line($"Connected to {info.Product} {info.Version} '{info.Name}' (id {info.Id})");
        if (info.Warning is not null)
        {
            output.Warning(info.Warning);
        }

        config = config with { Uuid = info.Id };
        client = factory.Create(config);
        var scope = client is IUserTokenIssuer tokens ? await DescribeScopeAsync(tokens, cancellationToken) : null;
        var (user, unlisted) = await _picker.ChooseAsync(client, request.User, cancellationToken);
        if (user is null)
        {
            return CliContext.Usage;
        }

        config = config with { User = user.Id };
        if (client is IUserTokenIssuer issuer && !unlisted && scope?.Kind == TokenScopeKind.Admin)
        {
            var access = await issuer.GetUserAccessAsync(user, request.Pin, cancellationToken);
            config = config with { Token = access.Token, Options = Merge(config.Options, access.Options) };
        }
        else if (unlisted || scope?.Kind == TokenScopeKind.Limited)
        {
            config = config with { Options = Merge(config.Options, new Dictionary<string, string> { ["is_limited_token"] = "true" }) };
        }
        else if (scope?.Kind == TokenScopeKind.Unknown && !user.IsAdmin)
        {
            throw new BackendException(
                config.Name, $"cannot obtain {user.Name}'s own token without plex.tv ({scope.Reason}); try again when plex.tv can be reached");
        }
        var summary = $"backend '{config.Name}' ({request.Type.ToString().ToLowerInvariant()}, {config.Url}, user {user.Name} [{user.Id}])";
        if (request.DryRun)
        {
            output.Line($"Dry run: would add {summary} to {servers.DisplayName}; nothing written.");
            return CliContext.Ok;
        }

        // Read again: the file may have changed while we talked to the server.
        var current = await servers.LoadAsync(cancellationToken);
        EnsureNew(config.Name, current);
        await servers.SaveAsync([.. current, config], cancellationToken);
        output.Success($"Added {summary} to {servers.DisplayName}");
        return CliContext.Ok;
    }

    /// <summary>Connects; a failing <c>.plex.direct</c> address gets a hint, as those often do not resolve on a LAN.</summary>
    private static async Task<ServerInfo> ConnectAsync(IMediaServer client, BackendConfig config, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetInfoAsync(cancellationToken);
        }
        catch (BackendException ex) when (WithPlexDirectHint(ex, config.Url) is { } hinted)
        {
            throw hinted;
        }
    }

    /// <summary>The failure with advice when the address is a <c>.plex.direct</c> one that could not be reached.</summary>
    internal static BackendException? WithPlexDirectHint(BackendException failure, Uri url)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(url);
        if (failure.StatusCode is not null || !url.Host.EndsWith(".plex.direct", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new BackendException(
            $"{failure.Message}. A .plex.direct address needs working DNS (no rebinding protection) and a reachable route; "
            + "use the server's plain address such as http://192.168.1.10:32400, or set one under Plex Settings > Network > "
            + "Custom server access URLs and use that.",
            failure);
    }

    private async Task<TokenScope> DescribeScopeAsync(IUserTokenIssuer tokens, CancellationToken cancellationToken)
    {
        var scope = await tokens.GetTokenScopeAsync(cancellationToken);
        switch (scope.Kind)
        {
            case TokenScopeKind.Admin:
                output.Line("Token: the server owner's (admin) token; users can be listed and their own tokens obtained.");
                break;
            case TokenScopeKind.Limited:
                output.Warning($"Token: a limited token ({scope.Reason}); it syncs only its own user's play state.");
                break;
            default:
                output.Warning($"Token: could not tell whether it is the owner's ({scope.Reason}).");
                break;
        }

        return scope;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> added)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in added)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static BackendConfig Validate(BackendAddRequest request)
    {
        if (!BackendNames.IsValid(request.Name))
        {
            throw new ConfigException($"--name '{request.Name}': {BackendNames.Rule}");
        }

        if (!ConfigValues.TryParseHttpUrl(request.Url, out var url))
        {
            throw new ConfigException($"--url {ConfigValues.NotAUrl(request.Url)}");
        }

        if (string.IsNullOrWhiteSpace(request.Token))
        {
            throw new ConfigException("--token is empty");
        }

        return new BackendConfig
        {
            Name = request.Name,
            Type = request.Type,
            Url = url,
            Token = request.Token.Trim(),
            User = string.IsNullOrWhiteSpace(request.User) ? null : request.User.Trim(),
        };
    }

    private async Task EnsureNewAsync(string name, CancellationToken cancellationToken) =>
        EnsureNew(name, await servers.LoadAsync(cancellationToken));

    private void EnsureNew(string name, IReadOnlyList<BackendConfig> backends)
    {
        if (backends.Any(b => b.Name == name))
        {
            throw new ConfigException($"backend '{name}' already exists in {servers.DisplayName}; remove it first with backend:remove {name}");
        }
    }
}
