using Microsoft.Data.Sqlite;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Ignoring;

/// <summary>
/// An item rule (<c>ignore:add --item ID -s BACKEND</c>) takes that backend item out of sync: nothing is read from it
/// and nothing is written to it, through state:sync against a Jellyfin and an Emby simulator.
/// </summary>
public sealed class IgnoreItemSyncTests : IAsyncLifetime
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
          s01e02 runtime=48m
        """;

    private static readonly DateTimeOffset Evening = new(2026, 11, 20, 20, 0, 0, TimeSpan.Zero);

    private readonly CliRunner _cli = new();
    private MediaBrowserSimulator _jellyfin = null!;
    private MediaBrowserSimulator _emby = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(Library) }, Ct);
        _emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(Library) }, Ct);
        _cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {_jellyfin.BaseUrl}
              token: {_jellyfin.ApiKey}
              user: {_jellyfin.AdminUserId}
            emby:
              type: emby
              url: {_emby.BaseUrl}
              token: {_emby.ApiKey}
              user: {_emby.AdminUserId}

            """);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
        await _jellyfin.DisposeAsync();
        await _emby.DisposeAsync();
    }

    [Fact]
    public async Task A_watched_state_on_an_ignored_item_is_not_imported_nor_pushed_and_removing_the_rule_restores_it()
    {
        var inception = _jellyfin.ItemIdOf("Inception");
        _jellyfin.MarkPlayed(_jellyfin.AdminUserId, inception, Evening);
        var add = await RunAsync(0, "ignore:add", "--item", inception, "-s", "jf");
        Assert.Contains("Inception (2010)", add.Out, StringComparison.Ordinal);

        var sync = await RunAsync(0, "state:sync");

        Assert.Contains("ignored item (item://jf?id=" + inception, sync.Out, StringComparison.Ordinal);
        Assert.False(PlayedOnEmby("Inception"));
        Assert.Equal(0L, await ScalarAsync($"SELECT count(*) FROM backend_views WHERE backend = 'jf' AND remote_id = '{inception}'"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM items WHERE title = 'Inception' AND watched = 1"));

        await RunAsync(0, "ignore:remove", "--item", inception, "-s", "jf");
        await RunAsync(0, "state:sync");

        Assert.True(PlayedOnEmby("Inception"));
    }

    [Fact]
    public async Task A_change_on_the_other_server_is_not_written_to_an_item_ignored_after_it_was_synced()
    {
        await RunAsync(0, "state:sync");
        var matrix = _jellyfin.ItemIdOf("The Matrix");
        await RunAsync(0, "ignore:add", $"item://jf?id={matrix}");
        _emby.MarkPlayed(_emby.AdminUserId, _emby.ItemIdOf("The Matrix"), Evening);
        _emby.MarkPlayed(_emby.AdminUserId, _emby.ItemIdOf("Inception"), Evening);

        var sync = await RunAsync(0, "state:sync");

        // The rest still syncs; the ignored item is counted as ignored, never written.
        Assert.True(PlayedOnJellyfin("Inception"));
        Assert.False(PlayedOnJellyfin("The Matrix"));
        Assert.DoesNotContain(_jellyfin.Writes, w => w.Contains(matrix, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("jf: 1 item ignored", sync.Out, StringComparison.Ordinal);

        await RunAsync(0, "ignore:remove", $"item://jf?id={matrix}");
        await RunAsync(0, "state:sync");

        Assert.True(PlayedOnJellyfin("The Matrix"));
    }

    [Fact]
    public async Task A_show_id_covers_its_episodes_in_both_directions()
    {
        await RunAsync(0, "state:sync");
        var show = _jellyfin.ItemIdOf("Breaking Bad");
        var add = await RunAsync(0, "ignore:add", "--item", show, "-s", "jf");
        Assert.Contains("If it is a show's id", add.Error, StringComparison.Ordinal);
        _jellyfin.MarkPlayed(_jellyfin.AdminUserId, _jellyfin.ItemIdOf("Breaking Bad S01E01"), Evening);
        _emby.MarkPlayed(_emby.AdminUserId, _emby.ItemIdOf("Breaking Bad S01E02"), Evening);

        await RunAsync(0, "state:sync");

        Assert.False(PlayedOnEmby("Breaking Bad S01E01"));
        Assert.False(PlayedOnJellyfin("Breaking Bad S01E02"));
        Assert.Empty(_jellyfin.Writes);
    }

    [Fact]
    public async Task A_write_queued_before_the_rule_is_dropped_with_the_reason()
    {
        await RunAsync(0, "state:sync");
        _emby.MarkPlayed(_emby.AdminUserId, _emby.ItemIdOf("The Matrix"), Evening);
        await RunAsync(0, "state:import");
        var plan = await RunAsync(0, "state:export", "--dry-run");
        Assert.Contains("The Matrix", plan.Out, StringComparison.Ordinal);

        // Queue the write the way a failed send would leave it, then ignore the item before the next send.
        var matrix = _jellyfin.ItemIdOf("The Matrix");
        _jellyfin.Faults.Down = true;
        await _cli.RunAsync("state:export");
        _jellyfin.Faults.Down = false;
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM outbox WHERE backend = 'jf' AND remote_id = '{matrix}' AND status = 'pending'"));
        await RunAsync(0, "ignore:add", "--item", matrix, "-s", "jf");

        await _cli.RunAsync("state:export");

        Assert.False(PlayedOnJellyfin("The Matrix"));
        Assert.Equal(1L, await ScalarAsync(
            $"SELECT count(*) FROM outbox WHERE backend = 'jf' AND remote_id = '{matrix}' AND status = 'dropped' AND last_error LIKE 'ignored item (item://jf?id=%'"));
    }

    private bool PlayedOnJellyfin(string title) => _jellyfin.GetPlayState(_jellyfin.AdminUserId, _jellyfin.ItemIdOf(title)).Played;

    private bool PlayedOnEmby(string title) => _emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf(title)).Played;

    private async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, result.ToString());
        return result;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_cli.Data.Paths.DatabaseFile};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
