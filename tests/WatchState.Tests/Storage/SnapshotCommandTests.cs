using Microsoft.Data.Sqlite;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Storage;

public sealed class SnapshotCommandTests : IAsyncLifetime
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z
        movie "Inception" 2010 imdb=tt1375666
        movie "Alien" 1979 imdb=tt0078748
        """;

    private MediaBrowserSimulator _jellyfin = null!;
    private readonly CliRunner _cli = new();

    private string SnapshotDir => Path.Combine(_cli.Data.Paths.DbDir, "snapshots");

    public async ValueTask InitializeAsync()
    {
        _jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Library = SimLibrary.Parse(Library) }, TestContext.Current.CancellationToken);
        _cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {_jellyfin.BaseUrl}
              token: {_jellyfin.ApiKey}
              user: {_jellyfin.AdminUserId}

            """);
        await RunAsync(0, "state:import");
    }

    public async ValueTask DisposeAsync()
    {
        _cli.Dispose();
        await _jellyfin.DisposeAsync();
    }

    [Fact]
    public async Task Rollback_brings_back_the_state_of_the_snapshot_and_keeps_the_state_it_replaced()
    {
        var snapshot = await RunAsync(0, "state:snapshot");
        var name = Assert.Single(Directory.GetFiles(SnapshotDir));
        Assert.Contains(Path.GetFileName(name), snapshot.Out, StringComparison.Ordinal);

        await ExecuteAsync("DELETE FROM history; DELETE FROM backend_views; DELETE FROM item_keys; DELETE FROM items;");
        Assert.Equal(0, await CountItemsAsync());

        var rollback = await RunAsync(0, "state:rollback");
        Assert.Contains($"Restored {Path.GetFileName(name)}", rollback.Out, StringComparison.Ordinal);
        Assert.Equal(3, await CountItemsAsync());
        Assert.Equal("ok", await ScalarAsync("PRAGMA integrity_check;"));

        // The emptied state was snapshotted before being replaced, so the rollback can be undone.
        var list = await RunAsync(0, "state:rollback", "--list");
        Assert.Contains("before-rollback", list.Out, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(SnapshotDir).Length);
        var before = Directory.GetFiles(SnapshotDir).Single(f => f.Contains("before-rollback", StringComparison.Ordinal));
        await RunAsync(0, "state:rollback", Path.GetFileName(before));
        Assert.Equal(0, await CountItemsAsync());
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_and_a_missing_snapshot_is_a_clear_error()
    {
        var none = await RunAsync(1, "state:rollback");
        Assert.Contains("no snapshot", none.Error, StringComparison.OrdinalIgnoreCase);

        await RunAsync(0, "state:snapshot");
        await ExecuteAsync("DELETE FROM history; DELETE FROM backend_views; DELETE FROM item_keys; DELETE FROM items;");
        var dry = await RunAsync(0, "state:rollback", "--dry-run");
        Assert.Contains("Dry run", dry.Out, StringComparison.Ordinal);
        Assert.Equal(0, await CountItemsAsync());
        Assert.Single(Directory.GetFiles(SnapshotDir));

        var wrong = await RunAsync(1, "state:rollback", "watchstate.nope");
        Assert.Contains("--list", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_force_full_import_or_export_snapshots_once_first_and_a_plain_or_dry_run_does_not()
    {
        await RunAsync(0, "state:import");
        await RunAsync(0, "state:import", "--force-full", "--dry-run");
        Assert.False(Directory.Exists(SnapshotDir));

        var import = await RunAsync(0, "state:import", "--force-full");
        Assert.Contains("Safety snapshot", import.Error, StringComparison.Ordinal);
        Assert.Contains("before-full-import", Assert.Single(Directory.GetFiles(SnapshotDir)), StringComparison.Ordinal);

        var sync = await RunAsync(0, "state:sync", "--force-full");
        Assert.Equal(2, Directory.GetFiles(SnapshotDir).Length);
        Assert.Single(sync.Error.Split('\n'), l => l.Contains("Safety snapshot", StringComparison.Ordinal));
    }

    private async Task<long> CountItemsAsync() => (long)(await ScalarAsync("SELECT count(*) FROM items;"))!;

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_cli.Data.Paths.DatabaseFile};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    private async Task ExecuteAsync(string sql) => await ScalarAsync(sql);

    private async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, result.ToString());
        return result;
    }
}
