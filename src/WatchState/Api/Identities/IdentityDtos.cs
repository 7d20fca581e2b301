using WatchState.Identities;

namespace WatchState.Api.Identities;

/// <summary>One identity: whose state it is, the user it acts as on each backend, and how many items it holds.</summary>
/// <param name="Main">True for <c>main</c>, the admin identity of <c>config/servers.yaml</c> (not removable).</param>
/// <param name="File">Its servers file, e.g. <c>config/users/alice/servers.yaml</c>.</param>
public sealed record IdentityDto(string Name, bool Main, string File, long ItemCount, IReadOnlyList<IdentityBackendDto> Backends);

/// <summary>A backend of an identity and the user id it acts as there (null: the token's own user).</summary>
public sealed record IdentityBackendDto(string Backend, string Type, string? User);

/// <summary>The proposal of <c>identities:match</c>: groups with why each member is in, users left out, notes.</summary>
public sealed record MatchProposalDto(IReadOnlyList<MatchGroupDto> Groups, IReadOnlyList<MatchUserDto> Unmatched, IReadOnlyList<string> Notes)
{
    public static MatchProposalDto From(MatchResult match, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new(
            [.. match.Groups.Select(g => new MatchGroupDto(g.Name, [.. g.Members.Select(m => MatchUserDto.Of(m.User, m.Reason))]))],
            [.. match.Unmatched.Select(u => MatchUserDto.Of(u.User, u.Reason))],
            notes);
    }
}

/// <summary>A proposed identity and its members, at most one per backend.</summary>
public sealed record MatchGroupDto(string Name, IReadOnlyList<MatchUserDto> Members);

/// <summary>A backend's user with the reason it was matched (mapper.yaml, same name, same e-mail) or left out.</summary>
public sealed record MatchUserDto(string Backend, string UserId, string UserName, string? Email, bool Admin, string Reason)
{
    public static MatchUserDto Of(BackendUser user, string reason)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Backend, user.Id, user.Name, user.Email, user.IsAdmin, reason);
    }
}

/// <param name="DryRun">Only report what would be created or updated; request no token, write no file.</param>
/// <param name="Pins">PINs of protected Plex profiles, keyed <c>backend:user</c> (the user's name or id).</param>
public sealed record ProvisionBody(bool DryRun = false, IReadOnlyDictionary<string, string>? Pins = null);

/// <summary>What provisioning did (or, in a dry run, would do).</summary>
public sealed record ProvisionReportDto(bool DryRun, IReadOnlyList<ProvisionedIdentityDto> Identities, IReadOnlyList<MatchUserDto> Unmatched, IReadOnlyList<string> Notes)
{
    public static ProvisionReportDto From(ProvisionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.DryRun,
            [.. report.Identities.Select(i => new ProvisionedIdentityDto(
                i.Name, i.Change.ToString().ToLowerInvariant(), [.. i.Members.Select(m => new ProvisionedMemberDto(m.Backend, m.UserId, m.UserName, m.Reason, m.Problem))]))],
            [.. report.Unmatched.Select(u => MatchUserDto.Of(u.User, u.Reason))],
            report.Notes);
    }
}

/// <param name="Change">created, updated, unchanged or skipped.</param>
public sealed record ProvisionedIdentityDto(string Name, string Change, IReadOnlyList<ProvisionedMemberDto> Members);

/// <param name="Problem">Why this member got no access (a PIN is needed, plex.tv refused), or null.</param>
public sealed record ProvisionedMemberDto(string Backend, string UserId, string UserName, string Reason, string? Problem);
