using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Identities;

/// <summary>
/// Turns the proposed identities into per-identity servers files (<see cref="IdentityFiles"/>): for each member, the
/// backend of <c>main</c> copied with that user's id and a token that acts as them (Plex: the user's own server token
/// from plex.tv, with their PIN when protected; Jellyfin/Emby: the admin API key). Safe to re-run: new users are
/// added and tokens refreshed; with <see cref="ProvisionOptions.DryRun"/> nothing is requested or written.
/// </summary>
public sealed class IdentityProvisioner(UserDiscovery discovery, IdentityFiles files, IMediaServerFactory factory)
{
    /// <exception cref="ConfigException">servers.yaml, mapper.yaml or an identity's file is broken.</exception>
    public async Task<ProvisionReport> ProvisionAsync(ProvisionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var found = await discovery.DiscoverAsync(cancellationToken);
        var notes = new List<string>(found.Notes);
        var run = new Run(found, ProvisionPins.Resolve(options.Pins, found.Users, notes), options.DryRun, notes);
        var identities = new List<ProvisionedIdentity>();
        foreach (var group in found.Match.Groups)
        {
            if (group.Name == IdentityFiles.Main)
            {
                // main is config/servers.yaml, edited by hand or backend:add; provisioning never rewrites it.
                identities.Add(new ProvisionedIdentity(
                    group.Name, ProvisionChange.Unchanged, [.. group.Members.Select(m => Member(m, problem: null))]));
                continue;
            }

            identities.Add(await ProvisionAsync(group, run, cancellationToken));
        }

        var proposed = found.Match.Groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in files.List().Where(n => n != IdentityFiles.Main && !proposed.Contains(n)))
        {
            notes.Add($"identity '{name}' ({files.DisplayPath(name)}) is no longer proposed; left as it is (identities:remove {name} drops it)");
        }

        return new ProvisionReport(options.DryRun, identities, found.Match.Unmatched, notes);
    }

    private async Task<ProvisionedIdentity> ProvisionAsync(IdentityGroup group, Run run, CancellationToken cancellationToken)
    {
        var existing = files.Exists(group.Name) ? await files.LoadAsync(group.Name, cancellationToken) : null;
        var members = new List<ProvisionedMember>();
        var built = new Dictionary<string, BackendConfig>(StringComparer.Ordinal);
        foreach (var member in group.Members)
        {
            var main = run.Found.Backends.First(b => b.Name == member.User.Backend);
            var old = existing?.FirstOrDefault(b => b.Name == main.Name);
            var (config, problem) = await AccessAsync(group.Name, main, member, old, run, cancellationToken);
            members.Add(Member(member, problem));
            if (config is not null)
            {
                built[main.Name] = config;
            }
        }

        var backends = new List<BackendConfig>();
        foreach (var main in run.Found.Backends)
        {
            if (built.TryGetValue(main.Name, out var config))
            {
                backends.Add(config);
            }
            else if (existing?.FirstOrDefault(b => b.Name == main.Name) is { } old)
            {
                // A user no longer proposed here keeps their entry; only main's shared settings are brought over.
                backends.Add(ProvisionedBackend.Rebase(main, old));
                run.Notes.Add($"{group.Name}: {main.Name} user {old.User} is kept from {files.DisplayPath(group.Name)} though not proposed now");
            }
        }

        foreach (var gone in existing?.Where(b => run.Found.Backends.All(m => m.Name != b.Name)) ?? [])
        {
            run.Notes.Add($"{group.Name}: backend '{gone.Name}' is no longer in {IdentityFiles.Main}; dropped from {files.DisplayPath(group.Name)}");
        }

        var change = backends.Count == 0
            ? ProvisionChange.Skipped
            : existing is null
                ? ProvisionChange.Created
                : ProvisionedBackend.Same(existing, backends) ? ProvisionChange.Unchanged : ProvisionChange.Updated;
        if (!run.DryRun && change is ProvisionChange.Created or ProvisionChange.Updated)
        {
            await files.SaveAsync(group.Name, ProvisionedBackend.Sorted(backends), cancellationToken);
        }

        return new ProvisionedIdentity(group.Name, change, members);
    }

    /// <summary>The member's backend entry, or why they get none.</summary>
    private async Task<(BackendConfig? Config, string? Problem)> AccessAsync(
        string identity, BackendConfig main, MatchedMember member, BackendConfig? old, Run run, CancellationToken cancellationToken)
    {
        var user = member.User;
        if (run.Client(main, factory) is not IUserTokenIssuer issuer)
        {
            // Jellyfin and Emby: the admin API key may act as any user named by id.
            return (ProvisionedBackend.Build(main, user.Id, main.Token, ProvisionedBackend.Empty, old), null);
        }

        var sameUser = old?.User == user.Id;
        var remote = run.Found.Find(user) ?? new RemoteUser(user.Id, user.Name, user.IsAdmin);
        var pin = run.Pins.GetValueOrDefault((main.Name, user.Id))
            ?? (sameUser ? ProvisionedBackend.StoredPin(old!) : null);
        if (remote.NeedsPin && string.IsNullOrEmpty(pin))
        {
            return Refused($"{user.Name}'s profile is protected by a PIN; give it with --pin {main.Name}:{user.Name}=PIN");
        }

        if (run.DryRun)
        {
            // No token is requested: the stored one stands in, or the admin's for a member that would be new.
            return (sameUser ? ProvisionedBackend.Rebase(main, old!) : ProvisionedBackend.Build(main, user.Id, main.Token, ProvisionedBackend.Empty, old), null);
        }

        try
        {
            var access = await issuer.GetUserAccessAsync(remote, pin, cancellationToken);
            return (ProvisionedBackend.Build(main, user.Id, access.Token, access.Options, old), null);
        }
        catch (BackendException e)
        {
            var why = e.StatusCode switch
            {
                403 => $"plex.tv refused the token (wrong PIN?): {e.Message}",
                401 => $"plex.tv refused the admin token: {e.Message}",
                _ => $"no token: {e.Message}",
            };
            return Refused(why);
        }

        (BackendConfig?, string?) Refused(string problem)
        {
            if (!sameUser)
            {
                return (null, problem);
            }

            run.Notes.Add($"{identity}: {main.Name} user {user.Name} keeps the stored token: {problem}");
            return (ProvisionedBackend.Rebase(main, old!), null);
        }
    }

    private static ProvisionedMember Member(MatchedMember member, string? problem) =>
        new(member.User.Backend, member.User.Id, member.User.Name, member.Reason, problem);

    /// <summary>One provisioning run: what was discovered, the PINs given, and one client per backend.</summary>
    private sealed class Run(Discovery found, IReadOnlyDictionary<(string Backend, string UserId), string> pins, bool dryRun, List<string> notes)
    {
        private readonly Dictionary<string, IMediaServer> _clients = new(StringComparer.Ordinal);

        public Discovery Found { get; } = found;

        public IReadOnlyDictionary<(string Backend, string UserId), string> Pins { get; } = pins;

        public bool DryRun { get; } = dryRun;

        public List<string> Notes { get; } = notes;

        public IMediaServer Client(BackendConfig main, IMediaServerFactory factory)
        {
            if (!_clients.TryGetValue(main.Name, out var client))
            {
                client = factory.Create(main);
                _clients[main.Name] = client;
            }

            return client;
        }
    }
}

/// <param name="DryRun">Report what would be written; request no token and write no file.</param>
/// <param name="Pins">PINs of protected Plex profiles, keyed <c>backend:user</c> (the user's name or id).</param>
public sealed record ProvisionOptions(bool DryRun, IReadOnlyDictionary<string, string> Pins);

/// <summary>What provisioning did (or would do), per identity, and what it left out.</summary>
public sealed record ProvisionReport(
    bool DryRun,
    IReadOnlyList<ProvisionedIdentity> Identities,
    IReadOnlyList<UnmatchedUser> Unmatched,
    IReadOnlyList<string> Notes);

public enum ProvisionChange
{
    Created,
    Updated,
    Unchanged,

    /// <summary>No member could be given access (e.g. every one needs a PIN); nothing written.</summary>
    Skipped,
}

public sealed record ProvisionedIdentity(string Name, ProvisionChange Change, IReadOnlyList<ProvisionedMember> Members);

/// <param name="Problem">Why this member got no access (a PIN is needed, plex.tv refused), or null.</param>
public sealed record ProvisionedMember(string Backend, string UserId, string UserName, string Reason, string? Problem);
