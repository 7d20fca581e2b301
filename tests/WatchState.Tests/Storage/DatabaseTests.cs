using WatchState.Storage;

namespace WatchState.Tests.Storage;

public class DatabaseTests
{
    [Fact]
    public async Task First_open_creates_the_file_in_wal_mode_at_the_latest_schema_version()
    {
        using var temp = new TempDirectory();
        var database = new Database(temp.File("db/watchstate.db"));

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(temp.File("db/watchstate.db")));
        Assert.Equal("wal", await Scalar<string>(connection, "PRAGMA journal_mode;"));
        Assert.Equal(Database.LatestVersion, (int)await Scalar<long>(connection, "PRAGMA user_version;"));
        Assert.True(Database.LatestVersion >= 1);
        foreach (var table in new[] { "items", "item_keys", "backend_views", "history", "conflicts", "cursors", "settings" })
        {
            Assert.Equal(1L, await Scalar<long>(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }
    }

    [Fact]
    public async Task Reopening_keeps_data_and_does_not_migrate_twice()
    {
        using var temp = new TempDirectory();
        var database = new Database(temp.File("watchstate.db"));
        await using (var connection = await database.OpenAsync(TestContext.Current.CancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO settings (key, value) VALUES ('a', 'b')";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var again = await new Database(temp.File("watchstate.db")).OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("b", await Scalar<string>(again, "SELECT value FROM settings WHERE key = 'a'"));
    }

    [Fact]
    public async Task Matching_keys_are_unique_per_identity()
    {
        using var temp = new TempDirectory();
        await using var connection = await new Database(temp.File("w.db")).OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO items (id, identity, type, title, watched, state_at, created_at, updated_at) VALUES (1, 'main', 0, 'A', 0, 0, 0, 0), (2, 'main', 0, 'B', 0, 0, 0, 0);
            INSERT INTO item_keys (identity, key, item_id) VALUES ('main', 'movie:imdb:tt1', 1);
            INSERT INTO item_keys (identity, key, item_id) VALUES ('main', 'movie:imdb:tt1', 2);
            """;

        var error = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(
            () => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_migration_numbered_below_the_current_version_is_still_applied()
    {
        using var temp = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;
        await using (var connection = await new Database(temp.File("w.db")).OpenAsync(ct))
        {
            // As if 0003 had not been applied yet when a branch with a higher number had already migrated.
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE inbox; DELETE FROM schema_migrations WHERE version = 3;";
            await command.ExecuteNonQueryAsync(ct);
        }

        await using var again = await new Database(temp.File("w.db")).OpenAsync(ct);

        Assert.Equal(1L, await Scalar<long>(again, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'inbox'"));
        Assert.Equal(Database.LatestVersion, (int)await Scalar<long>(again, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task A_database_from_before_the_migrations_table_is_not_migrated_twice()
    {
        using var temp = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;
        await using (var connection = await new Database(temp.File("w.db")).OpenAsync(ct))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE schema_migrations; INSERT INTO settings (key, value) VALUES ('kept', 'yes');";
            await command.ExecuteNonQueryAsync(ct);
        }

        await using var again = await new Database(temp.File("w.db")).OpenAsync(ct);

        Assert.Equal("yes", await Scalar<string>(again, "SELECT value FROM settings WHERE key = 'kept'"));
        Assert.Equal(Database.LatestVersion, (int)await Scalar<long>(again, "PRAGMA user_version;"));
    }

    private static async Task<T> Scalar<T>(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
