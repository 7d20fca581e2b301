using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace WatchState.Storage;

/// <summary>Opens the SQLite database, in WAL mode, and brings its schema up to date on first use.</summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(string databaseFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseFile);
        DatabaseFile = Path.GetFullPath(databaseFile);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabaseFile { get; }

    /// <summary>Taken around this process's write transactions, so they reach SQLite's write lock in turn.</summary>
    public WriteGate Writes { get; } = new();

    /// <summary>Opens a connection with the pragmas every connection needs, creating and migrating the file first.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabaseFile);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = 30000;
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -8192;
                """, cancellationToken);
            await MigrateAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The schema version the database is at after migrating.</summary>
    public static int LatestVersion => Migrations.Value.Length == 0 ? 0 : Migrations.Value[^1].Version;

    private static readonly Lazy<Migration[]> Migrations = new(LoadMigrations);

    /// <summary>
    /// Applies every migration not applied yet, by number. Applied versions are recorded in
    /// <c>schema_migrations</c>, so a migration that arrives with a number below the current version (two branches
    /// adding 0002 and 0003 at the same time) is still applied; <c>user_version</c> stays the highest number.
    /// </summary>
    private static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if ((await MissingAsync(connection, null, cancellationToken)).Count == 0)
        {
            return;
        }

        // Exclusive so two processes starting at once cannot both apply the same migration.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var missing = await MissingAsync(connection, transaction, cancellationToken);
        var current = await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken, transaction);
        if (await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';", cancellationToken, transaction) == 0)
        {
            // Databases from before the table: their user_version says every migration up to it was applied.
            await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);", cancellationToken, transaction);
            foreach (var applied in Migrations.Value.Where(m => m.Version <= current))
            {
                await ExecuteAsync(connection, Record(applied.Version), cancellationToken, transaction);
            }
        }

        foreach (var migration in missing)
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken, transaction);
            await ExecuteAsync(connection, Record(migration.Version), cancellationToken, transaction);
            current = Math.Max(current, migration.Version);
        }

        await ExecuteAsync(
            connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {current};"), cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Record(int version) =>
        string.Create(CultureInfo.InvariantCulture, $"INSERT OR IGNORE INTO schema_migrations (version) VALUES ({version});");

    private static async Task<IReadOnlyList<Migration>> MissingAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var current = await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken, transaction);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';";
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            return [.. Migrations.Value.Where(m => m.Version > current)];
        }

        command.CommandText = "SELECT version FROM schema_migrations;";
        var applied = new HashSet<long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        return [.. Migrations.Value.Where(m => !applied.Contains(m.Version))];
    }

    private static Migration[] LoadMigrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)))
        {
            // File names start with the version: 0001_initial.sql.
            var file = name["migrations/".Length..];
            var version = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, reader.ReadToEnd()));
        }

        return migrations.OrderBy(m => m.Version).ToArray();
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record Migration(int Version, string Sql);
}
