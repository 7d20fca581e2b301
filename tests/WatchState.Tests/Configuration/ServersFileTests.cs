using System.Runtime.Versioning;
using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Tests.Configuration;

public class ServersFileTests
{
    // Shaped like a file WatchState itself writes, with keys this program does not use.
    private const string WatchStateFile = """
        my_plex_server:
          type: plex
          url: 'http://172.23.0.11:32400'
          token: X-Plex-Token
          uuid: 5a9c6f1b2e
          user: 1
          export:
            enabled: false
            lastSync: 1700000000
          import:
            enabled: true
            lastSync: null
          options:
            ignore: 'lib1,lib2'
            LIBRARY_SEGMENT: 500
            DISABLE_MARK_UNPLAYED: true
            client:
              timeout: 300
              http_version: 1.1
            plex_user_name: "Jane Doe"
        my_jellyfin_server:
          type: Jellyfin
          url: 'http://172.23.0.12:8096'
          token: api-token
          options:
            user: user-id
          webhook:
            match:
              user: false
          tags: [a, b]
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loads_a_WatchState_file_with_nested_options_flattened_to_dotted_keys()
    {
        using var dir = new TempDataDirectory();
        dir.WriteServers(WatchStateFile);

        var backends = await new ServersFile(dir.Paths).LoadAsync(Ct);

        Assert.Equal(["my_plex_server", "my_jellyfin_server"], backends.Select(b => b.Name));
        var plex = backends[0];
        Assert.Equal(BackendType.Plex, plex.Type);
        Assert.Equal(new Uri("http://172.23.0.11:32400"), plex.Url);
        Assert.Equal("X-Plex-Token", plex.Token);
        Assert.Equal("5a9c6f1b2e", plex.Uuid);
        Assert.Equal("1", plex.User);
        Assert.True(plex.ImportEnabled);
        Assert.False(plex.ExportEnabled);
        Assert.Equal("300", plex.Options["client.timeout"]);
        Assert.Equal("1.1", plex.Options["client.http_version"]);
        Assert.Equal("lib1,lib2", plex.Options["ignore"]);
        Assert.Equal("1700000000", plex.Extra["export.lastSync"]);
        Assert.False(plex.Extra.ContainsKey("import.lastSync"));

        var jellyfin = backends[1];
        Assert.Equal(BackendType.Jellyfin, jellyfin.Type);
        Assert.Equal("user-id", jellyfin.User);
        Assert.Equal("false", jellyfin.Extra["webhook.match.user"]);
        Assert.Equal("b", jellyfin.Extra["tags[1]"]);
    }

    [Fact]
    public async Task Saving_and_loading_again_keeps_every_option_and_unknown_key()
    {
        using var dir = new TempDataDirectory();
        dir.WriteServers(WatchStateFile);
        var file = new ServersFile(dir.Paths);
        var first = await file.LoadAsync(Ct);

        await file.SaveAsync(first, Ct);
        var second = await file.LoadAsync(Ct);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i] with { Options = second[i].Options, Extra = second[i].Extra }, second[i]);
            Assert.Equal(first[i].Options.OrderBy(p => p.Key), second[i].Options.OrderBy(p => p.Key));
            Assert.Equal(first[i].Extra.OrderBy(p => p.Key), second[i].Extra.OrderBy(p => p.Key));
        }
    }

    [Fact]
    public async Task Saved_file_keeps_WatchState_shapes_and_value_types()
    {
        using var dir = new TempDataDirectory();
        dir.WriteServers(WatchStateFile);
        var file = new ServersFile(dir.Paths);
        await file.SaveAsync(await file.LoadAsync(Ct), Ct);

        var text = await File.ReadAllTextAsync(dir.Paths.ServersFile, Ct);

        Assert.Contains("\n    client:\n      timeout: 300\n", text, StringComparison.Ordinal);
        Assert.Contains("LIBRARY_SEGMENT: 500\n", text, StringComparison.Ordinal);
        Assert.Contains("DISABLE_MARK_UNPLAYED: true\n", text, StringComparison.Ordinal);
        Assert.Contains("  export:\n    enabled: false\n    lastSync: 1700000000\n", text, StringComparison.Ordinal);

        // Ids stay strings even when they look like numbers.
        Assert.Contains("  user: '1'\n", text, StringComparison.Ordinal);
        Assert.Contains("tags:\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_means_no_backends()
    {
        using var dir = new TempDataDirectory();

        Assert.Empty(await new ServersFile(dir.Paths).LoadAsync(Ct));
    }

    [Fact]
    public async Task An_empty_file_means_no_backends()
    {
        using var dir = new TempDataDirectory();
        dir.WriteServers("# nothing yet\n");

        Assert.Empty(await new ServersFile(dir.Paths).LoadAsync(Ct));
    }

    [Fact]
    public async Task Save_leaves_no_temp_file_and_makes_the_file_private()
    {
        using var dir = new TempDataDirectory();
        var file = new ServersFile(dir.Paths);
        BackendConfig[] backends = [new() { Name = "jf", Type = BackendType.Jellyfin, Url = new Uri("http://127.0.0.1:8096"), Token = "secret" }];

        await file.SaveAsync(backends, Ct);
        await file.SaveAsync(backends, Ct);

        Assert.Equal(["servers.yaml"], Directory.GetFiles(dir.Paths.ConfigDir).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Paths.ServersFile));
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Save_replaces_a_world_readable_file_with_a_private_one()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var dir = new TempDataDirectory();
        dir.WriteServers("{}\n");
        File.SetUnixFileMode(dir.Paths.ServersFile, (UnixFileMode)0b110_100_100);

        await new ServersFile(dir.Paths).SaveAsync([], Ct);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Paths.ServersFile));
    }
}
