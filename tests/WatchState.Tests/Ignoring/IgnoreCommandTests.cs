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
    public async Task An_item_rule_is_added_with_its_title_listed_and_removed()
    {
        var matrix = _jellyfin.ItemIdOf("The Matrix");
        var dry = await RunAsync(0, "ignore:add", "--item", matrix, "-s", "jf", "--dry-run");
        Assert.Contains($"would add item://jf?id={matrix} (The Matrix (1999))", dry.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(IgnoreFile));

        await RunAsync(0, "ignore:add", "--item", matrix, "-s", "jf");
        Assert.Contains($"'item://jf?id={matrix}': ", await File.ReadAllTextAsync(IgnoreFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var again = await RunAsync(0, "ignore:add", $"item://jf?id={matrix}");
        Assert.Contains("Already ignored", again.Out, StringComparison.Ordinal);

        var list = await RunAsync(0, "ignore:list", "-o", "json");
        Assert.Contains($"\"rule\": \"item://jf?id={matrix}\"", list.Out, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"item\"", list.Out, StringComparison.Ordinal);
        Assert.Contains($"\"remoteId\": \"{matrix}\"", list.Out, StringComparison.Ordinal);

        await RunAsync(0, "ignore:remove", "--item", matrix, "-s", "jf");
        Assert.Contains("Nothing is ignored", (await RunAsync(0, "ignore:list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_rule_for_an_unknown_backend_or_item_or_with_bad_text_says_why()
    {
        var unknown = await RunAsync(2, "ignore:add", "--item", "5", "-s", "plex");
        Assert.Contains("No backend 'plex'", unknown.Error, StringComparison.Ordinal);
        var both = await RunAsync(2, "ignore:add", "--item", "5", "--library", "Movies", "-s", "jf");
        Assert.Contains("--library or --item", both.Error, StringComparison.Ordinal);
        var bad = await RunAsync(2, "ignore:add", "item://jf");
        Assert.Contains("'item://jf': no item: write item://BACKEND?id=ITEM", bad.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(IgnoreFile));

        // An id the server does not list (a typo, or a show's id) is kept with a warning: offline use must work.
        var missing = await RunAsync(0, "ignore:add", "--item", "no-such-item", "-s", "jf");
        Assert.Contains("lists no movie or episode with id 'no-such-item'", missing.Error, StringComparison.Ordinal);
        Assert.Contains("item://jf?id=no-such-item", await File.ReadAllTextAsync(IgnoreFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
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
