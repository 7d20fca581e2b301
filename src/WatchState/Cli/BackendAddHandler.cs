using System.Text.RegularExpressions;
using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Cli;

internal sealed record BackendAddRequest(string Name, BackendType Type, string Url, string Token, string? User, bool DryRun);

/// <summary>
/// Adds a backend only once it is known to work: connects, records the server's id as <c>uuid</c>, settles
/// which user's play state is synced, then rewrites <c>servers.yaml</c>.
/// </summary>
internal sealed partial class BackendAddHandler(ServersFile servers, IMediaServerFactory factory, CliOutput output)
{
    public async Task<int> RunAsync(BackendAddRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = Validate(request);
        await EnsureNewAsync(config.Name, cancellationToken);

        var client = factory.Create(config);
        var info = await client.GetInfoAsync(cancellationToken);
        output.Line($"Connected to {info.Product} {info.Version} '{info.Name}' (id {info.Id})");
        if (info.Warning is not null)
        {
            output.Warning(info.Warning);
        }

        var user = await ChooseUserAsync(client, request.User, cancellationToken);
        if (user is null)
        {
            return CliContext.Usage;
        }

        config = config with { Uuid = info.Id, User = user.Id };
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

    private static BackendConfig Validate(BackendAddRequest request)
    {
        if (!ValidName().IsMatch(request.Name))
        {
            throw new ConfigException($"--name '{request.Name}': use only lower-case letters, digits and _ (as WatchState does)");
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

    /// <summary>The user named by <c>--user</c>, else asked on a terminal, else the only admin; null means exit 2.</summary>
    private async Task<RemoteUser?> ChooseUserAsync(IMediaServer client, string? requested, CancellationToken cancellationToken)
    {
        var users = await client.GetUsersAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return users.FirstOrDefault(u => SameId(u.Id, requested))
                ?? throw new ConfigException($"--user '{requested}' is not a user of this server; use one of: {Describe(users)}");
        }

        if (users.Count == 0)
        {
            throw new ConfigException("the server lists no users; pass --user with the id of the user to sync");
        }

        var table = new CliTable("#", "id", "name", "admin");
        for (var i = 0; i < users.Count; i++)
        {
            table.Add((i + 1).ToString(), users[i].Id, users[i].Name, users[i].IsAdmin ? "yes" : "");
        }

        output.Table(table);
        if (output.IsInteractive)
        {
            return Ask(users);
        }

        var admins = users.Where(u => u.IsAdmin).ToList();
        if (admins.Count == 1)
        {
            output.Line($"Using the only admin user, {admins[0].Name} ({admins[0].Id}); pass --user to choose another.");
            return admins[0];
        }

        output.Error($"Which user's play state should be synced? Pass --user with one of: {Describe(users)}");
        return null;
    }

    private RemoteUser? Ask(IReadOnlyList<RemoteUser> users)
    {
        while (true)
        {
            var answer = output.Ask($"Which user's play state should be synced? [1-{users.Count}]: ")?.Trim();
            if (answer is null)
            {
                output.Error($"No answer; pass --user with one of: {Describe(users)}");
                return null;
            }

            if (int.TryParse(answer, out var number) && number >= 1 && number <= users.Count)
            {
                return users[number - 1];
            }

            var byId = users.FirstOrDefault(u => SameId(u.Id, answer));
            if (byId is not null)
            {
                return byId;
            }
        }
    }

    // Jellyfin shows the same GUID with and without dashes depending on where you look.
    private static bool SameId(string a, string b) =>
        string.Equals(a.Replace("-", "", StringComparison.Ordinal), b.Trim().Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static string Describe(IReadOnlyList<RemoteUser> users) =>
        string.Join(", ", users.Select(u => $"{u.Id} ({u.Name}{(u.IsAdmin ? ", admin" : "")})"));

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex ValidName();
}
