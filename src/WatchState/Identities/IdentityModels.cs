namespace WatchState.Identities;

/// <summary>One user as a backend lists them; <paramref name="Email"/> only where the server gives one.</summary>
public sealed record BackendUser(string Backend, string Id, string Name, string? Email = null, bool IsAdmin = false);

/// <summary>A user placed in an identity, and why: "mapper.yaml", "same name" or "same e-mail".</summary>
public sealed record MatchedMember(BackendUser User, string Reason);

/// <summary>The same person across backends, at most one user per backend.</summary>
public sealed record IdentityGroup(string Name, IReadOnlyList<MatchedMember> Members);

/// <summary>A user left out of every identity, and why (never guessed).</summary>
public sealed record UnmatchedUser(BackendUser User, string Reason);

/// <summary>The proposal: identities, users left out, and notes about the mapping file or the admins.</summary>
public sealed record MatchResult(IReadOnlyList<IdentityGroup> Groups, IReadOnlyList<UnmatchedUser> Unmatched, IReadOnlyList<string> Notes);

/// <summary>One group of <c>mapper.yaml</c>: user name by backend name, with the line it starts on.</summary>
public sealed record MappedGroup(int Line, IReadOnlyList<MappedUser> Users);

/// <summary>One <c>backend: user</c> entry of a mapped group.</summary>
public sealed record MappedUser(string Backend, string Name, int Line);

/// <summary>The parsed <c>mapper.yaml</c>; empty when there is no file.</summary>
public sealed record UserMapping(IReadOnlyList<MappedGroup> Groups)
{
    public static UserMapping Empty { get; } = new([]);
}
