using Microsoft.Data.Sqlite;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Ignoring;

/// <summary>An ignored external id is dropped before matching, so a wrong id on one server joins nothing.</summary>
public sealed class IgnoreImportTests : IAsyncLifetime
{
    private MediaBrowserSimulator _jellyfin = null!;
    private MediaBrowserSimulator _emby = null!;
    private readonly CliRunner _cli = new();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Library = SimLibrary.Parse("movie \"The Matrix\" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z") }, ct);

        // Emby's "Home Movie" was tagged with The Matrix's imdb id by mistake; its tmdb id is its own.
        _emby = await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions
        {
            Flavor = MediaBrowserFlavor.Emby,
            Library = SimLibrary.Parse("movie \"Home Movie\" 2020 imdb=tt0133093 tmdb=999001"),
        }, ct);
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
        _cli.Dispose();
        await _jellyfin.DisposeAsync();
        await _emby.DisposeAsync();
    }

    [Fact]
    public async Task With_the_wrong_id_ignored_the_two_films_stay_apart_and_the_watched_state_does_not_cross()
    {
        var add = await _cli.RunAsync("ignore:add", "movie://imdb:tt0133093@emby");
        Assert.True(add.ExitCode == 0, add.ToString());

        var sync = await _cli.RunAsync("state:sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());

        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM items"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM items WHERE title = 'Home Movie' AND watched = 1"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM outbox WHERE backend = 'emby'"));
    }

    [Fact]
    public async Task Without_the_rule_the_wrong_id_joins_them_which_is_what_the_rule_is_for()
    {
        var sync = await _cli.RunAsync("state:sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());

        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task A_broken_ignore_yaml_stops_the_import_with_its_line_and_changes_nothing()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Data.Paths.ConfigDir, "ignore.yaml"), "movie://imdb:tt1: 1\n", TestContext.Current.CancellationToken);

        var import = await _cli.RunAsync("state:import");
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("config/ignore.yaml line 1", import.Error, StringComparison.Ordinal);

        // The rules are read before anything else, so not even the database was created.
        Assert.False(File.Exists(_cli.Data.Paths.DatabaseFile));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_cli.Data.Paths.DatabaseFile};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
