namespace WatchState.Tests.Cli;

/// <summary>backend:add refusals that happen before any server is contacted.</summary>
public class BackendAddValidationTests
{
    [Theory]
    [InlineData("Living Room")]
    [InlineData("jf-1")]
    public async Task A_name_WatchState_would_not_accept_is_refused(string name)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("backend:add", "--name", name, "--type", "jellyfin", "--url", "http://127.0.0.1:9", "--token", "t");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"--name '{name}': use only lower-case letters, digits and _ (as WatchState does)\n", result.Error);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("backend:add", "--name", "jf", "--type", "jellyfin", "--url", "127.0.0.1:8096", "--token", "t");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("--url '127.0.0.1:8096' is not an http:// or https:// URL\n", result.Error);
    }

    [Fact]
    public async Task A_duplicate_name_is_refused_and_the_file_is_untouched()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers("jf:\n  type: jellyfin\n  url: http://127.0.0.1:9\n  token: t\n");
        var before = await File.ReadAllTextAsync(cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken);

        var result = await cli.RunAsync("backend:add", "--name", "jf", "--type", "emby", "--url", "http://127.0.0.1:9", "--token", "t");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("backend 'jf' already exists in config/servers.yaml; remove it first with backend:remove jf\n", result.Error);
        Assert.Equal(before, await File.ReadAllTextAsync(cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken));
    }
}
