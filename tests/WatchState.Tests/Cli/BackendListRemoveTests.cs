using System.Text.Json;

namespace WatchState.Tests.Cli;

public class BackendListRemoveTests
{
    private const string TwoBackends = """
        living_room:
          type: jellyfin
          url: http://127.0.0.1:8096
          token: super-secret-token
          uuid: 0f1e2d3c
          user: 5a3b
          export:
            enabled: false
          options:
            client:
              timeout: 120
            MY_OWN_FLAG: keep-me
        basement:
          type: emby
          url: http://127.0.0.1:8097
          token: another-secret
        """;

    [Fact]
    public async Task List_shows_each_backend_without_its_token()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers(TwoBackends);

        var result = await cli.RunAsync("backend:list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^name\s+type\s+url\s+user\s+uuid\s+import\s+export$", lines[0]);
        Assert.Matches(@"^living_room\s+jellyfin\s+http://127\.0\.0\.1:8096\s+5a3b\s+0f1e2d3c\s+enabled\s+disabled$", lines[1]);
        Assert.Matches(@"^basement\s+emby\s+http://127\.0\.0\.1:8097\s+enabled\s+enabled$", lines[2]);
        Assert.DoesNotContain("secret", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_as_json_gives_the_same_facts_without_tokens()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers(TwoBackends);

        var result = await cli.RunAsync("backend:list", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var first = json.RootElement[0];
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal("living_room", first.GetProperty("name").GetString());
        Assert.Equal("jellyfin", first.GetProperty("type").GetString());
        Assert.Equal("5a3b", first.GetProperty("user").GetString());
        Assert.True(first.GetProperty("importEnabled").GetBoolean());
        Assert.False(first.GetProperty("exportEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement[1].GetProperty("uuid").ValueKind);
        Assert.DoesNotContain("secret", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_on_a_terminal_draws_a_table()
    {
        using var cli = new CliRunner { Terminal = true };
        cli.Data.WriteServers(TwoBackends);

        var result = await cli.RunAsync("backend:list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("╭", result.Out, StringComparison.Ordinal);
        Assert.Contains("living_room", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_with_no_file_says_how_to_add_one()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("backend:list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No backends in config/servers.yaml", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_drops_only_that_backend_and_keeps_the_others_options()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers(TwoBackends);

        var result = await cli.RunAsync("backend:remove", "basement");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Removed backend 'basement'", result.Out, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("basement", text, StringComparison.Ordinal);
        Assert.Contains("MY_OWN_FLAG: keep-me", text, StringComparison.Ordinal);
        Assert.Contains("timeout: 120", text, StringComparison.Ordinal);
        Assert.Contains("token: super-secret-token", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_unknown_backend_fails_with_one_clear_line()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers(TwoBackends);
        var before = await File.ReadAllTextAsync(cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken);

        var result = await cli.RunAsync("backend:remove", "attic");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("backend 'attic' is not in config/servers.yaml (known: living_room, basement)\n", result.Error);
        Assert.Equal(before, await File.ReadAllTextAsync(cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_broken_servers_file_is_one_line_naming_file_and_line_not_a_stack_trace()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers("x:\n  type: kodi\n  url: http://127.0.0.1:1\n  token: t\n");

        var result = await cli.RunAsync("backend:list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("config/servers.yaml line 2: backend 'x': type 'kodi' is not supported (plex, jellyfin, emby)\n", result.Error);
    }

    [Fact]
    public async Task A_bad_setting_in_the_env_file_stops_every_command_with_its_name()
    {
        using var cli = new CliRunner();
        cli.Data.WriteEnv("WS_CLIENTS_JELLYFIN_FIX_PLAYED=maybe\n");

        var result = await cli.RunAsync("backend:list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("config/.env line 1: WS_CLIENTS_JELLYFIN_FIX_PLAYED: 'maybe' is not true or false\n", result.Error);
    }

    [Fact]
    public async Task The_real_environment_overrides_the_env_file()
    {
        using var cli = new CliRunner();
        cli.Data.WriteEnv("WS_CLIENTS_JELLYFIN_FIX_PLAYED=maybe\n");
        cli.Environment["WS_CLIENTS_JELLYFIN_FIX_PLAYED"] = "false";

        var result = await cli.RunAsync("backend:list");

        Assert.Equal(0, result.ExitCode);
    }
}
