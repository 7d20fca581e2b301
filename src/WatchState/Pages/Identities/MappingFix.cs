using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Pages.Identities;

/// <summary>
/// "Fix a match" on the identities page: an unmatched user joins a proposed group, or two unmatched users are
/// paired, by a new group in <c>config/mapper.yaml</c> naming every member explicitly.
/// </summary>
internal static class MappingFix
{
    /// <summary>The value of an unmatched user in the page's selects.</summary>
    public static string UserValue(BackendUser user) => "user:" + user.Backend + "|" + user.Id;

    /// <summary>The value of a proposed group in the page's selects.</summary>
    public static string GroupValue(IdentityGroup group) => "group:" + group.Name;

    /// <summary>The users of the new mapper.yaml group.</summary>
    /// <exception cref="ConfigException">The choice cannot be mapped; the message says why.</exception>
    public static IReadOnlyList<MappedEntry> Entries(Discovery found, string? user, string? target)
    {
        ArgumentNullException.ThrowIfNull(found);
        var match = found.Match;
        var first = Unmatched(match, user) ?? throw new ConfigException("pick the unmatched user to map");
        List<BackendUser> members;
        if (target?.StartsWith("group:", StringComparison.Ordinal) == true)
        {
            var group = match.Groups.FirstOrDefault(g => GroupValue(g) == target)
                ?? throw new ConfigException("that identity is no longer proposed; review the matches again");
            if (group.Members.FirstOrDefault(m => m.Reason == UserMatcher.ByMapping) is { } mapped)
            {
                throw new ConfigException(
                    $"{group.Name} comes from config/mapper.yaml ({mapped.User.Backend}: {mapped.User.Name}); add {first.Backend}: {first.Name} to that entry by hand");
            }

            members = [.. group.Members.Select(m => m.User)];
        }
        else
        {
            var other = Unmatched(match, target) ?? throw new ConfigException("pick the identity or the other user to map with");
            members = [other];
        }

        if (members.FirstOrDefault(m => string.Equals(m.Backend, first.Backend, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            throw new ConfigException($"{clash.Name} is already the {first.Backend} user there; one person has one user per backend");
        }

        return [.. members.Prepend(first).Select(u => new MappedEntry(u.Backend, NameOrId(found, u)))];
    }

    private static BackendUser? Unmatched(MatchResult match, string? value) =>
        match.Unmatched.Select(u => u.User).FirstOrDefault(u => UserValue(u) == value);

    // A name two users of the backend share would not say which one; the id does.
    private static string NameOrId(Discovery found, BackendUser user) =>
        found.Users.Count(u => u.User.Backend == user.Backend && string.Equals(u.User.Name, user.Name, StringComparison.OrdinalIgnoreCase)) > 1
            ? user.Id
            : user.Name;
}
