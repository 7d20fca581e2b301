namespace WatchState.Identities;

/// <summary>
/// Turns the proposed identities into per-identity servers files (<see cref="IdentityFiles"/>): for each member, the
/// backend of <c>main</c> copied with that user's id and a token that acts as them (Plex: the user's own server token
/// from plex.tv, with their PIN when protected; Jellyfin/Emby: the admin API key). Safe to re-run: new users are
/// added and tokens refreshed; with <see cref="ProvisionOptions.DryRun"/> nothing is requested or written.
/// </summary>
public sealed class IdentityProvisioner
{
    public Task<ProvisionReport> ProvisionAsync(ProvisionOptions options, CancellationToken cancellationToken) =>
        throw new NotImplementedException("identities:provision is being built");
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
