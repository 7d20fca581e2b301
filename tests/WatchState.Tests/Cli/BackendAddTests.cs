using System.Runtime.Versioning;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

/// <summary>backend:add against a simulated server, through the real client.</summary>
public class BackendAddTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<MediaBrowserSimulator> StartAsync(MediaBrowserFlavor flavor = MediaBrowserFlavor.Jellyfin) =>
        MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions
            {
                Flavor = flavor,
                ServerName = "Living Room",
                Library = SimLibrary.Parse("movie \"The Matrix\" 1999 imdb=tt0133093"),
            },
            Ct);

    private static string[] Add(MediaBrowserSimulator sim, string name = "living_room", string type = "jellyfin", params string[] extra) =>
        ["backend:add", "--name", name, "--type", type, "--url", sim.BaseUrl.ToString(), "--token", sim.ApiKey, .. extra];

    private static async Task<BackendConfig> SingleBackendAsync(CliRunner cli) =>
        Assert.Single(await new ServersFile(cli.Data.Paths).LoadAsync(Ct));

    [Fact]
    public async Task Without_a_terminal_the_only_admin_is_chosen_and_the_server_id_recorded()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();

        var result = await cli.RunAsync(Add(sim));

        Assert.Equal(0, result.ExitCode);
        var backend = await SingleBackendAsync(cli);
        Assert.Equal("living_room", backend.Name);
        Assert.Equal(sim.BaseUrl, backend.Url);
        Assert.Equal(sim.ApiKey, backend.Token);
        Assert.Equal(sim.ServerId, backend.Uuid);
        Assert.Equal(sim.AdminUserId, backend.User);
        Assert.Contains("'Living Room'", result.Out, StringComparison.Ordinal);
        Assert.Contains(sim.UserIdOf("alice"), result.Out, StringComparison.Ordinal);
        Assert.Contains("Added backend 'living_room'", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.ApiKey, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_given_with_user_is_used()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();

        var result = await cli.RunAsync(Add(sim, extra: ["--user", sim.UserIdOf("alice")]));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(sim.UserIdOf("alice"), (await SingleBackendAsync(cli)).User);
    }

    [Fact]
    public async Task An_emby_server_can_be_added()
    {
        await using var sim = await StartAsync(MediaBrowserFlavor.Emby);
        using var cli = new CliRunner();

        var result = await cli.RunAsync(Add(sim, "den", "emby"));

        Assert.Equal(0, result.ExitCode);
        var backend = await SingleBackendAsync(cli);
        Assert.Equal(BackendType.Emby, backend.Type);
        Assert.Equal(sim.ServerId, backend.Uuid);
    }

    [Fact]
    public async Task A_user_the_server_does_not_have_is_refused_with_the_valid_ids()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();

        var result = await cli.RunAsync(Add(sim, extra: ["--user", "nobody"]));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("--user 'nobody' is not a user of this server; use one of: ", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{sim.AdminUserId} (admin, admin)", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Data.Paths.ServersFile));
    }

    [Fact]
    public async Task On_a_terminal_the_user_is_asked_and_a_wrong_answer_asked_again()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner { Input = "9\n2\n" };

        var result = await cli.RunAsync(Add(sim));

        Assert.Equal(0, result.ExitCode);
        var second = result.Out.Split('\n').Single(l => l.StartsWith("2 ", StringComparison.Ordinal));
        var secondId = second.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Equal(secondId, (await SingleBackendAsync(cli)).User);
        Assert.Equal(2, result.Out.Split("Which user's play state should be synced? [1-").Length - 1);
    }

    [Fact]
    public async Task On_a_terminal_the_user_can_be_answered_by_id()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner { Input = sim.UserIdOf("alice") + "\n" };

        var result = await cli.RunAsync(Add(sim));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(sim.UserIdOf("alice"), (await SingleBackendAsync(cli)).User);
    }

    [Fact]
    public async Task No_answer_exits_2_naming_the_user_ids_and_writes_nothing()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner { Input = "" };

        var result = await cli.RunAsync(Add(sim));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pass --user with one of:", result.Error, StringComparison.Ordinal);
        Assert.Contains(sim.UserIdOf("alice"), result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Data.Paths.ServersFile));
    }

    [Fact]
    public async Task Dry_run_checks_the_server_but_writes_nothing()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();

        var result = await cli.RunAsync(Add(sim, extra: ["--dry-run"]));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Dry run: would add backend 'living_room'", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Data.Paths.ServersFile));
    }

    [Fact]
    public async Task A_wrong_token_is_one_error_line_and_nothing_is_written()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();

        var result = await cli.RunAsync("backend:add", "-n", "jf", "-t", "jellyfin", "-u", sim.BaseUrl.ToString(), "--token", "wrong-token");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("backend jf: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Data.Paths.ServersFile));
    }

    [Fact]
    public async Task A_second_backend_is_appended_and_the_first_keeps_its_options()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();
        cli.Data.WriteServers("old:\n  type: emby\n  url: http://127.0.0.1:9\n  token: t\n  options:\n    client:\n      timeout: 90\n");

        var result = await cli.RunAsync(Add(sim));

        Assert.Equal(0, result.ExitCode);
        var backends = await new ServersFile(cli.Data.Paths).LoadAsync(Ct);
        Assert.Equal(["old", "living_room"], backends.Select(b => b.Name));
        Assert.Equal("90", backends[0].Options["client.timeout"]);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_written_file_is_private_and_no_temp_file_is_left()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var sim = await StartAsync();
        using var cli = new CliRunner();

        await cli.RunAsync(Add(sim));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.Data.Paths.ServersFile));
        Assert.Equal(["servers.yaml"], Directory.GetFiles(cli.Data.Paths.ConfigDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Added_backend_then_shows_in_list_and_can_be_removed()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.RunAsync(Add(sim))).ExitCode);

        var list = await cli.RunAsync("backend:list");
        var removed = await cli.RunAsync("backend:remove", "living_room");
        var after = await cli.RunAsync("backend:list");

        Assert.Contains($"living_room  jellyfin  {sim.BaseUrl}", list.Out, StringComparison.Ordinal);
        Assert.Contains(sim.ServerId, list.Out, StringComparison.Ordinal);
        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("No backends", after.Out, StringComparison.Ordinal);
    }
}
