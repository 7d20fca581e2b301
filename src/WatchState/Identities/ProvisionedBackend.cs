using WatchState.Backends.Plex;
using WatchState.Configuration;

namespace WatchState.Identities;

/// <summary>
/// How an identity's backend entry is made from <c>main</c>'s: url, uuid, type, options and import/export flags come
/// from <c>main</c>; user, token and the options that describe the user (Plex's user uuid, PIN, admin token) are the
/// identity's own.
/// </summary>
internal static class ProvisionedBackend
{
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    // Options that belong to whoever the backend acts as, never copied from main's entry.
    private static readonly string[] UserOptions =
    [
        PlexOptions.AdminToken, PlexOptions.UserUuid, PlexOptions.UserName, PlexOptions.UserPin, PlexOptions.ExternalUser, PlexOptions.LimitedToken,
    ];

    /// <summary><paramref name="main"/> acting as <paramref name="userId"/> with <paramref name="token"/>.</summary>
    /// <param name="old">The identity's current entry, whose other keys (e.g. WatchState's <c>import.lastSync</c>) are kept.</param>
    public static BackendConfig Build(
        BackendConfig main, string userId, string token, IReadOnlyDictionary<string, string> userOptions, BackendConfig? old)
    {
        var options = main.Options.Where(o => !IsUserOption(o.Key)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        foreach (var (key, value) in userOptions)
        {
            options.Remove(options.Keys.FirstOrDefault(k => SameOption(k, key)) ?? key);
            options[key] = value;
        }

        return main with { User = userId, Token = token, Options = options, Extra = old?.Extra ?? Empty };
    }

    /// <summary>An existing entry kept as it is for the user, with <paramref name="main"/>'s shared settings brought over.</summary>
    public static BackendConfig Rebase(BackendConfig main, BackendConfig old) =>
        Build(main, old.User ?? string.Empty, old.Token, old.Options.Where(o => IsUserOption(o.Key)).ToDictionary(), old);

    /// <summary>The PIN stored with an entry, under the key the Plex client reads.</summary>
    public static string? StoredPin(BackendConfig old) => PlexOptions.Find(old.Options, PlexOptions.UserPin);

    /// <summary>True when both lists would be written as the same file.</summary>
    public static bool Same(IReadOnlyList<BackendConfig> a, IReadOnlyList<BackendConfig> b) =>
        ServersYamlWriter.Write(Sorted(a)) == ServersYamlWriter.Write(Sorted(b));

    /// <summary>Options in key order, so a file does not change because a dictionary was filled in another order.</summary>
    public static IReadOnlyList<BackendConfig> Sorted(IReadOnlyList<BackendConfig> backends) =>
        [.. backends.Select(b => b with
        {
            Options = b.Options.OrderBy(o => o.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
            Extra = b.Extra.OrderBy(o => o.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
        })];

    private static bool IsUserOption(string key) => UserOptions.Any(u => SameOption(key, u));

    private static bool SameOption(string key, string other) => string.Equals(Bare(key), Bare(other), StringComparison.OrdinalIgnoreCase);

    private static string Bare(string key) => key.StartsWith("options.", StringComparison.OrdinalIgnoreCase) ? key["options.".Length..] : key;
}
