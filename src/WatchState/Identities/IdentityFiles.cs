using WatchState.Configuration;

namespace WatchState.Identities;

/// <summary>
/// Where each identity's backends are configured. <c>main</c> is <c>config/servers.yaml</c>; every other identity
/// has <c>config/users/NAME/servers.yaml</c> in the same format, with the same backend names as <c>main</c> but its
/// own user id and token on each (the layout WatchState uses for its sub-users, so the directories move over).
/// </summary>
public sealed class IdentityFiles(DataPaths paths, ServersFile main)
{
    public const string Main = UserMatcher.MainIdentity;
    public const string UsersFolder = "users";

    /// <summary>An identity name as WatchState allows it: lower-case letters, digits and underscores.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    /// <summary>The folder holding every identity but <c>main</c>.</summary>
    public string UsersDirectory => Path.Combine(paths.ConfigDir, UsersFolder);

    /// <summary>The servers file of <paramref name="identity"/>.</summary>
    public string ServersPath(string identity)
    {
        EnsureValid(identity);
        return identity == Main ? paths.ServersFile : Path.Combine(UsersDirectory, identity, "servers.yaml");
    }

    /// <summary>The file as named in messages, e.g. <c>config/users/alice/servers.yaml</c>.</summary>
    public string DisplayPath(string identity) => paths.Display(ServersPath(identity));

    /// <summary><c>main</c> first, then every identity that has a servers file, by name.</summary>
    public IReadOnlyList<string> List()
    {
        var names = new List<string> { Main };
        if (!Directory.Exists(UsersDirectory))
        {
            return names;
        }

        names.AddRange(Directory.EnumerateDirectories(UsersDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => n != Main && IsValidName(n) && File.Exists(Path.Combine(UsersDirectory, n, "servers.yaml")))
            .Order(StringComparer.Ordinal));
        return names;
    }

    public bool Exists(string identity) => identity == Main || (IsValidName(identity) && File.Exists(ServersPath(identity)));

    /// <summary>The backends of one identity.</summary>
    /// <exception cref="ConfigException">The identity does not exist, or its file is not valid.</exception>
    public async Task<IReadOnlyList<BackendConfig>> LoadAsync(string identity, CancellationToken cancellationToken)
    {
        if (identity == Main)
        {
            return await main.LoadAsync(cancellationToken);
        }

        if (!Exists(identity))
        {
            throw new UnknownIdentityException(identity, List());
        }

        return await ServersFile.LoadAsync(ServersPath(identity), DisplayPath(identity), cancellationToken);
    }

    /// <summary>Every identity with its backends, <c>main</c> first. A broken file stops the whole read.</summary>
    public async Task<IReadOnlyList<IdentityBackends>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var all = new List<IdentityBackends>();
        foreach (var name in List())
        {
            all.Add(new IdentityBackends(name, await LoadAsync(name, cancellationToken)));
        }

        return all;
    }

    /// <summary>Creates or rewrites an identity's file atomically.</summary>
    public Task SaveAsync(string identity, IReadOnlyList<BackendConfig> backends, CancellationToken cancellationToken) =>
        identity == Main
            ? main.SaveAsync(backends, cancellationToken)
            : ServersFile.SaveAsync(ServersPath(identity), DisplayPath(identity), backends, cancellationToken);

    /// <summary>Deletes an identity's folder; <c>main</c> cannot be removed. False when it did not exist.</summary>
    public bool Remove(string identity)
    {
        if (identity == Main)
        {
            throw new ConfigException($"the identity '{Main}' is config/servers.yaml and cannot be removed");
        }

        if (!Exists(identity))
        {
            return false;
        }

        Directory.Delete(Path.GetDirectoryName(ServersPath(identity))!, recursive: true);
        return true;
    }

    private static void EnsureValid(string identity)
    {
        if (!IsValidName(identity))
        {
            throw new ConfigException($"'{identity}' is not a valid identity name: use lower-case letters, digits and underscores");
        }
    }
}

/// <summary>One identity and the backends it syncs.</summary>
public sealed record IdentityBackends(string Identity, IReadOnlyList<BackendConfig> Backends);

/// <summary>An identity was asked for by name and there is none; the message lists the ones there are.</summary>
public sealed class UnknownIdentityException : Exception
{
    public UnknownIdentityException()
    {
    }

    public UnknownIdentityException(string message)
        : base(message)
    {
    }

    public UnknownIdentityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public UnknownIdentityException(string identity, IReadOnlyList<string> known)
        : base($"no identity '{identity}'; known: {string.Join(", ", known)} (see identities:list)")
    {
        Identity = identity;
    }

    public string? Identity { get; }
}
