namespace WatchState.Tests.Cli;

public class CliHelpTests
{
    private static readonly string[] CommandNames = ["serve", "backend:add", "backend:list", "backend:remove", "backend:restore", "config:test", "migrate:watchstate"];

    public static TheoryData<string> Commands => [.. CommandNames];

    [Fact]
    public async Task Help_lists_every_command()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in CommandNames)
        {
            Assert.Contains($"  {command}", result.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string command)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        // The usage line starts with the executable's name, which differs under the test host.
        Assert.Matches($@"Usage:\n  \S+ {command}( |\n)", result.Out);
        Assert.Contains("--verbose", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_fails_with_usage_help()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("backend:frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("backend:frobnicate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_option_is_reported()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("backend:add", "--name", "jf", "--type", "jellyfin", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--token", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Data.Paths.ServersFile));
    }

    [Fact]
    public async Task Only_plex_jellyfin_and_emby_can_be_added()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("backend:add", "-n", "k", "-t", "kodi", "-u", "http://127.0.0.1:9", "--token", "t");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kodi", result.Error, StringComparison.Ordinal);
        Assert.Contains("plex", result.Error, StringComparison.Ordinal);
    }
}
