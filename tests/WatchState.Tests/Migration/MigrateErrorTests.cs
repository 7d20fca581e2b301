using System.Text.Json;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Migration;

public sealed class MigrateErrorTests
{
    private const string Servers = """
        jf:
          type: jellyfin
          url: http://127.0.0.1:8096
          token: secret
          user: u1
        """;

    [Fact]
    public async Task A_missing_directory_is_named()
    {
        using var cli = new CliRunner();
        var missing = Path.Combine(cli.Data.Root, "nope");

        var result = await cli.RunAsync("migrate:watchstate", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no such directory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_without_servers_yaml_is_not_taken_for_watchstate()
    {
        using var cli = new CliRunner();
        using var ws = new WatchStateDirectory();

        var result = await cli.RunAsync("migrate:watchstate", ws.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("config/servers.yaml is missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_yaml_names_the_file_and_line_and_nothing_is_written()
    {
        using var cli = new CliRunner();
        using var ws = new WatchStateDirectory();
        ws.Write("config/servers.yaml", "jf:\n  type: jellyfin\n  url: [unclosed\n");
        ws.WriteDatabase("db/watchstate_v01.db", []);

        var result = await cli.RunAsync("migrate:watchstate", ws.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("config/servers.yaml line", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Data.Paths.ServersFile));
        Assert.False(File.Exists(cli.Data.Paths.DatabaseFile));
    }

    [Fact]
    public async Task A_sub_users_broken_servers_file_is_named()
    {
        using var cli = new CliRunner();
        using var ws = new WatchStateDirectory();
        ws.Write("config/servers.yaml", Servers);
        ws.Write("users/bob/servers.yaml", "jf:\n  type: jellyfin\n  token: x\n");
        ws.WriteDatabase("db/watchstate_v01.db", []);

        var result = await cli.RunAsync("migrate:watchstate", ws.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("users/bob/servers.yaml line 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("url is missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_database_is_an_error_naming_the_files_looked_for()
    {
        using var cli = new CliRunner();
        using var ws = new WatchStateDirectory();
        ws.Write("config/servers.yaml", Servers);

        var result = await cli.RunAsync("migrate:watchstate", ws.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no WatchState database", result.Error, StringComparison.Ordinal);
        Assert.Contains("db/watchstate_v01.db", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_the_state_table_is_refused()
    {
        using var cli = new CliRunner();
        using var ws = new WatchStateDirectory();
        ws.Write("config/servers.yaml", Servers);
        ws.Write("db/watchstate_v02.db", "");

        var result = await cli.RunAsync("migrate:watchstate", ws.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("db/watchstate_v02.db", result.Error, StringComparison.Ordinal);
        Assert.Contains("no 'state' table", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_backend_type_is_reported_and_the_others_come_over()
    {
        using var cli = new CliRunner();
        using var ws = new WatchStateDirectory();
        ws.Write("config/servers.yaml", Servers + """

            kodi_box:
              type: kodi
              url: http://127.0.0.1:8080
              token: t
            """);
        ws.WriteDatabase("db/watchstate_v01.db", [new WsRow("movie", "The Matrix", 1999, true, 1_700_000_000)
        {
            Guids = new Dictionary<string, string> { ["imdb"] = "tt0133093" },
            Metadata =
            {
                ["jf"] = new WsMeta("abc", true, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), null, 0),
                ["kodi_box"] = new WsMeta("7", true, null, null, 0),
            },
        }]);

        var result = await cli.RunAsync("migrate:watchstate", ws.Root, "-o", "json");

        Assert.Equal(0, result.ExitCode);
        var report = JsonDocument.Parse(result.Out).RootElement;
        var details = report.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("detail").GetString()!).ToList();
        Assert.Contains(details, d => d.Contains("backend 'kodi_box' has type 'kodi', which is not supported", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("metadata of backend 'kodi_box'", StringComparison.Ordinal));
        var main = report.GetProperty("identities")[0];
        Assert.Equal(["jf"], main.GetProperty("backends").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(1, main.GetProperty("views").GetProperty("jf").GetInt64());
        Assert.DoesNotContain("kodi", await File.ReadAllTextAsync(cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
