using WatchState.Backends;

namespace WatchState.Cli;

/// <summary>
/// Settles whose play state a new backend syncs: the user named by <c>--user</c>, else the one picked on a
/// terminal, else the only admin. When the token cannot list users (a limited Plex token) the id is taken as given.
/// </summary>
internal sealed class BackendUserPicker(CliOutput output)
{
    /// <returns>The user, and whether the list was unavailable; a null user means exit 2.</returns>
    public async Task<(RemoteUser? User, bool Unlisted)> ChooseAsync(IMediaServer client, string? requested, CancellationToken cancellationToken)
    {
        IReadOnlyList<RemoteUser> users;
        try
        {
            users = await client.GetUsersAsync(cancellationToken);
        }
        catch (UsersUnavailableException ex)
        {
            output.Warning(ex.Message);
            return (Unlisted(requested), true);
        }

        if (!string.IsNullOrWhiteSpace(requested))
        {
            return (users.FirstOrDefault(u => SameId(u.Id, requested))
                ?? throw new Configuration.ConfigException($"--user '{requested}' is not a user of this server; use one of: {Describe(users)}"), false);
        }

        if (users.Count == 0)
        {
            throw new Configuration.ConfigException("the server lists no users; pass --user with the id of the user to sync");
        }

        output.Table(TableOf(users));
        if (output.IsInteractive)
        {
            return (Ask(users), false);
        }

        var admins = users.Where(u => u.IsAdmin).ToList();
        if (admins.Count == 1)
        {
            output.Line($"Using the only admin user, {admins[0].Name} ({admins[0].Id}); pass --user to choose another.");
            return (admins[0], false);
        }

        output.Error($"Which user's play state should be synced? Pass --user with one of: {Describe(users)}");
        return (null, false);
    }

    private RemoteUser? Unlisted(string? requested)
    {
        var id = string.IsNullOrWhiteSpace(requested) && output.IsInteractive
            ? output.Ask("Id of the user whose play state is synced (your plex.tv account id): ")
            : requested;
        if (string.IsNullOrWhiteSpace(id))
        {
            output.Error("Pass --user with the id of the user whose play state should be synced.");
            return null;
        }

        return new RemoteUser(id.Trim(), id.Trim(), IsAdmin: false);
    }

    private static CliTable TableOf(IReadOnlyList<RemoteUser> users)
    {
        var showKind = users.Any(u => u.Kind is not null);
        var table = showKind ? new CliTable("#", "id", "name", "admin", "kind") : new CliTable("#", "id", "name", "admin");
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            string?[] row = [(i + 1).ToString(), user.Id, user.Name, user.IsAdmin ? "yes" : ""];
            table.Add(showKind ? [.. row, user.NeedsPin ? $"{user.Kind}, PIN" : user.Kind] : row);
        }

        return table;
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
    internal static bool SameId(string a, string b) =>
        string.Equals(a.Replace("-", "", StringComparison.Ordinal), b.Trim().Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static string Describe(IReadOnlyList<RemoteUser> users) =>
        string.Join(", ", users.Select(u => $"{u.Id} ({u.Name}{(u.IsAdmin ? ", admin" : "")})"));
}
