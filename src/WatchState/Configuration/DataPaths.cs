namespace WatchState.Configuration;

/// <summary>
/// Where everything lives, laid out as WatchState lays out its data directory so users can move it over:
/// <c>config/servers.yaml</c>, <c>config/.env</c> and <c>db/watchstate.db</c>.
/// </summary>
public sealed record DataPaths(
    string Root,
    string ConfigDir,
    string ServersFile,
    string EnvFile,
    string DbDir,
    string DatabaseFile)
{
    public const string Variable = "WS_DATA_PATH";

    /// <summary>Where <c>serve</c> writes its daily log files.</summary>
    public string LogsDir => Path.Combine(Root, "logs");

    /// <summary>Where <c>state:backup</c> writes its files (WatchState's <c>backup</c> folder).</summary>
    public string BackupDir => Path.Combine(Root, "backup");
    public const string DefaultRoot = "./data";

    public static DataPaths FromRoot(string root)
    {
        var full = Path.GetFullPath(root);
        var config = Path.Combine(full, "config");
        var db = Path.Combine(full, "db");
        return new DataPaths(
            full,
            config,
            Path.Combine(config, "servers.yaml"),
            Path.Combine(config, ".env"),
            db,
            Path.Combine(db, "watchstate.db"));
    }

    /// <summary>
    /// Only the real environment can move the data directory: <c>config/.env</c> lives inside it, so it
    /// cannot be the place that says where it is.
    /// </summary>
    public static DataPaths Resolve(IReadOnlyDictionary<string, string> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = environment.TryGetValue(Variable, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : DefaultRoot;
        return FromRoot(Path.Combine(currentDirectory, root));
    }

    /// <summary>Creates the data, config and db directories if they are missing.</summary>
    public void EnsureCreated()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(ConfigDir);
        Directory.CreateDirectory(DbDir);
    }

    /// <summary>A path as shown in messages: relative to the data directory when inside it (<c>config/servers.yaml</c>).</summary>
    public string Display(string path)
    {
        var relative = Path.GetRelativePath(Root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
