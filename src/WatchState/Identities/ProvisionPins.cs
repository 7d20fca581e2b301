namespace WatchState.Identities;

/// <summary>Resolves <c>--pin backend:user=PIN</c> keys (user by id, or by name case-insensitively) to listed users.</summary>
internal static class ProvisionPins
{
    /// <summary>PINs by (backend, user id); a key naming no listed user is reported in <paramref name="notes"/> (never the PIN).</summary>
    public static IReadOnlyDictionary<(string Backend, string UserId), string> Resolve(
        IReadOnlyDictionary<string, string> pins, IReadOnlyList<DiscoveredUser> users, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(pins);
        var resolved = new Dictionary<(string, string), string>();
        foreach (var (key, pin) in pins)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == key.Length - 1)
            {
                notes.Add($"--pin '{key}': expected BACKEND:USER=PIN; ignored");
                continue;
            }

            var backend = key[..colon];
            var user = key[(colon + 1)..];
            var onBackend = users.Select(u => u.User).Where(u => string.Equals(u.Backend, backend, StringComparison.OrdinalIgnoreCase)).ToList();
            var match = onBackend.Where(u => u.Id == user).ToList() is [var byId]
                ? [byId]
                : onBackend.Where(u => string.Equals(u.Name, user, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count != 1)
            {
                notes.Add(match.Count == 0
                    ? $"--pin {key}: {backend} lists no such user; ignored"
                    : $"--pin {key}: {backend} has {match.Count} users of that name; give the id instead");
                continue;
            }

            resolved[(match[0].Backend, match[0].Id)] = pin;
        }

        return resolved;
    }
}
