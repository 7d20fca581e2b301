using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchState.Cli;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Security;

/// <summary>
/// A Jellyfin, an Emby, a Plex and a plex.tv simulator whose tokens are distinctive planted strings, one data
/// directory configured with them, and a record of everything the program printed, logged, answered or wrote outside
/// the files that must hold the secrets (servers.yaml, .env, the database, the cookie keys).
/// </summary>
internal sealed class PlantedSecrets : IAsyncDisposable
{
    public const string JellyfinKey = "plantedJellyfinKey7Q2w9Zx";
    public const string EmbyKey = "plantedEmbyKeyR5t8Y1qLm";
    public const string PlexToken = "plantedPlexTokenK3m6N0vB";
    public const string WrongToken = "plantedWrongTokenH8j2Kd4";
    public const string Password = "plantedAdminPasswordF7h4";

    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
        """;

    private readonly StringBuilder _seen = new();

    private PlantedSecrets(MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby, PlexSimulator plex, PlexTvSimulator plexTv)
    {
        Jellyfin = jellyfin;
        Emby = emby;
        Plex = plex;
        PlexTv = plexTv;
        Cli.Environment["WS_PLEXTV_URL"] = plexTv.BaseUrl.ToString();
        Cli.Data.WriteServers(ServersYaml(JellyfinKey));
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public PlexSimulator Plex { get; }

    public PlexTvSimulator PlexTv { get; }

    public CliRunner Cli { get; } = new();

    /// <summary>The server's API key, once <see cref="ServeAsync"/> made one.</summary>
    public string? ApiKey { get; private set; }

    /// <summary>Every planted secret, with what to call it in a failure message.</summary>
    public IEnumerable<(string Name, string Value)> Secrets =>
        new[] { ("Jellyfin key", JellyfinKey), ("Emby key", EmbyKey), ("Plex token", PlexToken), ("wrong token", WrongToken), ("admin password", Password) }
            .Concat(ApiKey is null ? [] : [("API key", ApiKey)]);

    public static async Task<PlantedSecrets> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, ApiKey = JellyfinKey, Library = SimLibrary.Parse(Library) }, ct);
        var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, ApiKey = EmbyKey, Library = SimLibrary.Parse(Library) }, ct);
        var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { AdminToken = PlexToken, Library = SimLibrary.Parse(Library) }, ct);
        var plexTv = await PlexTvSimulator.StartAsync(plex, cancellationToken: ct);
        return new PlantedSecrets(jellyfin, emby, plex, plexTv);
    }

    public string ServersYaml(string jellyfinToken) => $"""
        jf:
          type: jellyfin
          url: {Jellyfin.BaseUrl}
          token: {jellyfinToken}
          user: {Jellyfin.AdminUserId}
        emby:
          type: emby
          url: {Emby.BaseUrl}
          token: {EmbyKey}
          user: {Emby.AdminUserId}
        plex:
          type: plex
          url: {Plex.BaseUrl}
          token: {PlexToken}
          options:
            ADMIN_TOKEN: {PlexToken}

        """;

    /// <summary>Records text the user or a log reader could see.</summary>
    public void Saw(string where, string text)
    {
        lock (_seen)
        {
            _seen.Append("\n=== ").Append(where).Append('\n').Append(text);
        }
    }

    /// <summary>Runs a command with <c>-v</c> (debug logs on stderr) and records both streams.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await Cli.RunAsync([.. args, "-v"]);
        Saw(string.Join(' ', args), result.ToString());
        return result;
    }

    /// <summary>The real <c>serve</c> app over the data directory, logging everything down to Trace to <paramref name="console"/>.</summary>
    public async Task<WebApplication> ServeAsync(TextWriter console)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = new CliHost
        {
            Environment = new Dictionary<string, string>(Cli.Environment) { ["WS_DATA_PATH"] = Cli.Data.Root, ["WS_LISTEN"] = "http://127.0.0.1:0" },
            CurrentDirectory = Cli.Data.Root,
            Out = console,
            Error = console,
        };
        var startup = await CliStartup.LoadAsync(host, verbose: true, ct) with { LogLevel = LogLevel.Trace };
        var app = ServeCommand.Build(startup);
        await app.StartAsync(ct);
        ApiKey = await app.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(ct);
        return app;
    }

    /// <summary>Every file in the data directory but those meant to hold secrets: logs, backups, snapshots, exports.</summary>
    public void SawFiles()
    {
        var paths = Cli.Data.Paths;
        foreach (var file in Directory.EnumerateFiles(Cli.Data.Root, "*", SearchOption.AllDirectories))
        {
            var full = Path.GetFullPath(file);
            if (full == Path.GetFullPath(paths.ServersFile) || full == Path.GetFullPath(paths.EnvFile)
                || full.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || IsDatabase(full))
            {
                continue;
            }

            Saw(Path.GetRelativePath(Cli.Data.Root, full), ReadShared(full));
        }
    }

    /// <summary>Each planted secret found in what was recorded, with some context around the first place it shows.</summary>
    public IReadOnlyList<string> Leaks()
    {
        var seen = _seen.ToString();
        var leaks = new List<string>();
        foreach (var (name, value) in Secrets)
        {
            for (var at = seen.IndexOf(value, StringComparison.Ordinal); at >= 0; at = seen.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            {
                var header = seen.LastIndexOf("\n=== ", at, StringComparison.Ordinal);
                var where = header < 0 ? "?" : seen[(header + 5)..seen.IndexOf('\n', header + 5)];
                leaks.Add($"{name} in [{where}]: …{seen[Math.Max(0, at - 160)..Math.Min(seen.Length, at + 60)]}…");
            }
        }

        return leaks;
    }

    public int SeenLength => _seen.Length;

    public async ValueTask DisposeAsync()
    {
        Cli.Dispose();
        await PlexTv.DisposeAsync();
        await Plex.DisposeAsync();
        await Emby.DisposeAsync();
        await Jellyfin.DisposeAsync();
    }

    // The database keeps the API key, the password hash and the backends' config on purpose; its snapshots too.
    private static bool IsDatabase(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        return stream.Read(header) == 16 && Encoding.ASCII.GetString(header, 0, 15) == "SQLite format 3"
            || path.EndsWith("-wal", StringComparison.Ordinal) || path.EndsWith("-shm", StringComparison.Ordinal);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using Stream content = path.EndsWith(".gz", StringComparison.Ordinal) ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(content);
        return reader.ReadToEnd();
    }
}
