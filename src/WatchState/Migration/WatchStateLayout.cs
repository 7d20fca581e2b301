using WatchState.Configuration;

namespace WatchState.Migration;

/// <summary>
/// A WatchState (PHP) data directory as found on disk: its <c>/config</c> volume holds <c>config/</c> (servers.yaml,
/// .env, mapper.yaml, ignore.yaml), <c>db/</c> (the main user's database) and <c>users/NAME/</c> (each sub-user's
/// servers.yaml and database).
/// </summary>
internal sealed record WatchStateLayout(string Root, IReadOnlyList<WatchStateUser> Users, IReadOnlyList<string> SkippedUsers)
{
    public const string Main = Identities.IdentityFiles.Main;

    // Newest first: WatchState renames a migrated database to *.migrated, so at most one is normally present,
    // but a half-finished upgrade can leave both and the newer one is the live one.
    private static readonly string[] MainDatabases = ["db/watchstate_v02.db", "db/watchstate_v01.db", "db/watchstate.db"];

    // Sub-user databases: watchstate_v02.db since the v02 schema, user_v01.db before it, and user.db / NAME.db in
    // the first releases with sub-users.
    private static readonly string[] UserDatabases = ["watchstate_v02.db", "user_v01.db", "user.db", "{0}.db"];

    public string ConfigDir => Path.Combine(Root, "config");

    public string EnvFile => Path.Combine(ConfigDir, ".env");

    public string MapperFile => Path.Combine(ConfigDir, "mapper.yaml");

    public string IgnoreFile => Path.Combine(ConfigDir, "ignore.yaml");

    /// <summary>A path as shown in the report: relative to the WatchState directory (<c>config/servers.yaml</c>).</summary>
    public string Display(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// Finds the layout under <paramref name="path"/>, which may be the data directory or its <c>config/</c> child.
    /// </summary>
    /// <exception cref="ConfigException">The directory does not exist or is not a WatchState data directory.</exception>
    public static WatchStateLayout Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new ConfigException($"{path}: no such directory (give WatchState's data directory, the one mounted as /config)");
        }

        var root = full;
        if (!File.Exists(Path.Combine(root, "config", "servers.yaml"))
            && File.Exists(Path.Combine(root, "servers.yaml"))
            && string.Equals(Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)), "config", StringComparison.Ordinal))
        {
            // Given the config/ folder itself: its parent holds db/ and users/.
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
        }

        if (!File.Exists(Path.Combine(root, "config", "servers.yaml")))
        {
            throw new ConfigException(
                $"{path}: not a WatchState data directory: config/servers.yaml is missing (give the directory mounted as /config, which holds config/, db/ and users/)");
        }

        var main = FirstExisting(root, MainDatabases)
            ?? throw new ConfigException($"{path}: no WatchState database: looked for {string.Join(", ", MainDatabases)}");
        var users = new List<WatchStateUser> { new(Main, Path.Combine(root, "config", "servers.yaml"), main) };
        var skipped = new List<string>();
        var usersDir = Path.Combine(root, "users");
        if (Directory.Exists(usersDir))
        {
            foreach (var dir in Directory.EnumerateDirectories(usersDir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                var servers = Path.Combine(dir, "servers.yaml");
                if (!File.Exists(servers))
                {
                    skipped.Add($"users/{name}: no servers.yaml, not a sub-user");
                    continue;
                }

                if (name == Main || !Identities.IdentityFiles.IsValidName(name))
                {
                    skipped.Add($"users/{name}: '{name}' cannot be an identity name here (lower-case letters, digits and _, not 'main')");
                    continue;
                }

                var candidates = UserDatabases.Select(f => $"users/{name}/{string.Format(System.Globalization.CultureInfo.InvariantCulture, f, name)}");
                users.Add(new WatchStateUser(name, servers, FirstExisting(root, candidates)));
            }
        }

        return new WatchStateLayout(root, users, skipped);
    }

    private static string? FirstExisting(string root, IEnumerable<string> relative) =>
        relative.Select(r => Path.Combine(root, r.Replace('/', Path.DirectorySeparatorChar))).FirstOrDefault(File.Exists);
}

/// <summary>One WatchState user (the main one or a sub-user): its backends file and its database, if it has one.</summary>
internal sealed record WatchStateUser(string Name, string ServersFile, string? DatabaseFile);
