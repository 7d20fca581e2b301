using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Ignoring;

public sealed class IgnoreCommandTests : IAsyncLifetime
{
    private MediaBrowserSimulator _jellyfin = null!;
    private readonly CliRunner _cli = new();

    private string IgnoreFile => Path.Combine(_cli.Data.Paths.ConfigDir, "ignore.yaml");

    public async ValueTask InitializeAsync()
    {
        _jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Library = SimLibrary.Parse("movie \"The Matrix\" 1999 imdb=tt0133093") }, TestContext.Current.CancellationToken);
        _cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {_jellyfin.BaseUrl}
              token: {_jellyfin.ApiKey}
              user: {_jellyfin.AdminUserId}

            """);
    }

    public async ValueTask DisposeAsync()
    {
        _cli.Dispose();
        await _jellyfin.DisposeAsync();
    }

    [Fact]
    public async Task A_rule_is_added_listed_and_removed_in_ignore_yaml()
    {
        var dry = await RunAsync(0, "ignore:add", "movie://imdb:tt0133093@jf", "--dry-run");
        Assert.Contains("Dry run", dry.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(IgnoreFile));

        await RunAsync(0, "ignore:add", "movie://imdb:tt0133093@jf");
        Assert.Contains("movie://imdb:tt0133093@jf", await File.ReadAllTextAsync(IgnoreFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var again = await RunAsync(0, "ignore:add", "movie://imdb:tt0133093@jf?id=5");
        Assert.Contains("Already ignored on every item", again.Out, StringComparison.Ordinal);

        var list = await RunAsync(0, "ignore:list", "-o", "json");
        Assert.Contains("\"rule\": \"movie://imdb:tt0133093@jf\"", list.Out, StringComparison.Ordinal);

        await RunAsync(0, "ignore:remove", "movie://imdb:tt0133093@jf");
        var empty = await RunAsync(0, "ignore:list");
        Assert.Contains("Nothing is ignored", empty.Out, StringComparison.Ordinal);
        await RunAsync(1, "ignore:remove", "movie://imdb:tt0133093@jf");
    }

    [Fact]
    public async Task A_rule_for_an_unknown_backend_or_a_malformed_rule_is_refused_and_nothing_written()
    {
        var unknown = await RunAsync(2, "ignore:add", "movie://imdb:tt0133093@plex");
        Assert.Contains("No backend 'plex'", unknown.Error, StringComparison.Ordinal);
        var malformed = await RunAsync(2, "ignore:add", "movie:imdb:tt0133093");
        Assert.Contains("expected TYPE://", malformed.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(IgnoreFile));
    }

    [Fact]
    public async Task A_library_is_ignored_by_name_in_servers_yaml()
    {
        await RunAsync(0, "ignore:add", "--library", "Movies", "-s", "jf");
        var servers = await File.ReadAllTextAsync(_cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken);
        Assert.Contains("IGNORE", servers, StringComparison.OrdinalIgnoreCase);
        var list = await RunAsync(0, "ignore:list");
        Assert.Contains("jf", list.Out, StringComparison.Ordinal);

        var missing = await RunAsync(1, "ignore:add", "--library", "Anime", "-s", "jf");
        Assert.Contains("has no library 'Anime'", missing.Error, StringComparison.Ordinal);
    }

    private async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, result.ToString());
        return result;
    }
}
