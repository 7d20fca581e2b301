namespace WatchState.Identities;

/// <summary>
/// Groups the users of every backend into identities: <c>mapper.yaml</c> first (explicit wins), then the normalised
/// user name, then the e-mail. Pure: no I/O. Two users of one backend never share an identity; when a name or an
/// e-mail would put them together, they are left out and the reason says so.
/// </summary>
public static class UserMatcher
{
    public const string ByMapping = "mapper.yaml";
    public const string ByName = "same name";
    public const string ByEmail = "same e-mail";
    public const string MainIdentity = "main";

    public static MatchResult Match(IReadOnlyList<BackendUser> users, UserMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(mapping);
        var state = new MatchState(users);
        ApplyMapping(state, mapping);
        Pass(state, u => UserNames.Normalise(u.Name), ByName, "name");
        Pass(state, u => string.IsNullOrWhiteSpace(u.Email) ? null : u.Email.Trim().ToUpperInvariant(), ByEmail, "e-mail");

        var unmatched = new List<UnmatchedUser>();
        var groups = new List<List<MatchedMember>>();
        foreach (var group in state.Groups)
        {
            if (group.Count > 1)
            {
                groups.Add(group);
                continue;
            }

            // An identity of one user would be invented; the user is listed instead.
            state.Free.Add(group[0].User);
        }

        foreach (var user in users.Where(state.Free.Contains))
        {
            unmatched.Add(new UnmatchedUser(user, state.Ambiguity.GetValueOrDefault(user) ?? $"only on {user.Backend}"));
        }

        var named = Name(groups, users, state.Notes);
        return new MatchResult(named, unmatched, state.Notes);
    }

    private static void ApplyMapping(MatchState state, UserMapping mapping)
    {
        foreach (var mapped in mapping.Groups)
        {
            var group = new List<MatchedMember>();
            foreach (var entry in mapped.Users)
            {
                var candidates = state.All.Where(u => string.Equals(u.Backend, entry.Backend, StringComparison.OrdinalIgnoreCase)
                    && (string.Equals(u.Name, entry.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(u.Id, entry.Name, StringComparison.OrdinalIgnoreCase))).ToList();
                if (candidates.Count != 1)
                {
                    state.Notes.Add(candidates.Count == 0
                        ? $"mapper.yaml line {entry.Line}: {entry.Backend} has no user '{entry.Name}'"
                        : $"mapper.yaml line {entry.Line}: {entry.Backend} has {candidates.Count} users named '{entry.Name}'; give the id instead");
                    continue;
                }

                var user = candidates[0];
                if (!state.Free.Remove(user))
                {
                    state.Notes.Add($"mapper.yaml line {entry.Line}: {entry.Backend} user '{entry.Name}' is already in an earlier group; ignored here");
                    continue;
                }

                group.Add(new MatchedMember(user, ByMapping));
            }

            if (group.Count > 0)
            {
                state.Groups.Add(group);
            }
        }
    }

    /// <summary>Adds free users to the groups they share a key with, then groups the remaining free users by key.</summary>
    private static void Pass(MatchState state, Func<BackendUser, string?> key, string reason, string what)
    {
        var proposals = new List<(List<MatchedMember> Group, BackendUser User)>();
        foreach (var user in state.All.Where(state.Free.Contains))
        {
            var k = key(user);
            if (string.IsNullOrEmpty(k))
            {
                continue;
            }

            foreach (var group in state.Groups.Where(g => !HasBackend(g, user.Backend) && g.Any(m => key(m.User) == k)))
            {
                proposals.Add((group, user));
            }
        }

        var ambiguousUsers = proposals.GroupBy(p => p.User).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var heldBack = new HashSet<BackendUser>(ambiguousUsers);
        foreach (var byGroupAndBackend in proposals.GroupBy(p => (p.Group, p.User.Backend)))
        {
            var candidates = byGroupAndBackend.Select(p => p.User).ToList();
            if (candidates.Count > 1)
            {
                foreach (var user in candidates)
                {
                    state.Ambiguity[user] = $"ambiguous: {candidates.Count} users of {user.Backend} have the {what} of identity with {Describe(byGroupAndBackend.Key.Group)}";
                    heldBack.Add(user);
                }

                continue;
            }

            var only = candidates[0];
            if (ambiguousUsers.Contains(only))
            {
                state.Ambiguity[only] = $"ambiguous: the {what} matches more than one identity";
                continue;
            }

            byGroupAndBackend.Key.Group.Add(new MatchedMember(only, reason));
            state.Free.Remove(only);
        }

        // A user ambiguous against an identity is not given a fresh one on the same key either.
        foreach (var bucket in state.All.Where(u => state.Free.Contains(u) && !heldBack.Contains(u) && !string.IsNullOrEmpty(key(u))).GroupBy(key))
        {
            var members = bucket.ToList();
            var backends = members.Select(u => u.Backend).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            if (backends < 2)
            {
                if (members.Count > 1)
                {
                    foreach (var user in members)
                    {
                        state.Ambiguity.TryAdd(user, $"only on {user.Backend} ({members.Count} of its users share this {what})");
                    }
                }

                continue;
            }

            if (backends != members.Count)
            {
                foreach (var user in members)
                {
                    state.Ambiguity[user] = $"ambiguous: {members.Count} users share this {what} but some are on the same backend ({Describe(members)})";
                }

                continue;
            }

            state.Groups.Add([.. members.Select(u => new MatchedMember(u, reason))]);
            foreach (var user in members)
            {
                state.Free.Remove(user);
            }
        }
    }

    private static List<IdentityGroup> Name(List<List<MatchedMember>> groups, IReadOnlyList<BackendUser> users, List<string> notes)
    {
        var main = MainGroup(groups, users, notes);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        if (main is not null)
        {
            taken.Add(MainIdentity);
        }

        var named = new List<IdentityGroup>();
        foreach (var group in groups)
        {
            var name = MainIdentity;
            if (!ReferenceEquals(group, main))
            {
                var stem = UserNames.IdentityName(group[0].User.Name);
                name = stem;
                for (var i = 2; !taken.Add(name); i++)
                {
                    name = $"{stem}_{i}";
                }
            }

            named.Add(new IdentityGroup(name, group));
        }

        return [.. named.OrderBy(g => g.Name == MainIdentity ? 0 : 1).ThenBy(g => g.Name, StringComparer.Ordinal)];
    }

    /// <summary>The group holding each backend's admin, when the admins matched each other; else a note why not.</summary>
    private static List<MatchedMember>? MainGroup(List<List<MatchedMember>> groups, IReadOnlyList<BackendUser> users, List<string> notes)
    {
        var admins = users.Where(u => u.IsAdmin).ToList();
        if (admins.Count == 0)
        {
            return null;
        }

        var containing = admins.Select(a => groups.Find(g => g.Any(m => m.User == a))).ToList();
        var first = containing[0];
        if (first is not null && containing.All(g => ReferenceEquals(g, first)))
        {
            return first;
        }

        notes.Add($"no 'main' identity: the admins ({Describe(admins)}) did not match each other; map them in mapper.yaml");
        return null;
    }

    private static bool HasBackend(List<MatchedMember> group, string backend) =>
        group.Exists(m => string.Equals(m.User.Backend, backend, StringComparison.OrdinalIgnoreCase));

    private static string Describe(IEnumerable<MatchedMember> group) => Describe(group.Select(m => m.User));

    private static string Describe(IEnumerable<BackendUser> users) => string.Join(", ", users.Select(u => $"{u.Backend}:{u.Name}"));

    private sealed class MatchState(IReadOnlyList<BackendUser> users)
    {
        public IReadOnlyList<BackendUser> All { get; } = users;

        public HashSet<BackendUser> Free { get; } = [.. users];

        public List<List<MatchedMember>> Groups { get; } = [];

        public Dictionary<BackendUser, string> Ambiguity { get; } = [];

        public List<string> Notes { get; } = [];
    }
}
