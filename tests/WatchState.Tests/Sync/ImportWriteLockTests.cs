using Microsoft.Data.Sqlite;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Tests.Sync;

/// <summary>
/// SQLite has one write lock. An import that kept it from its first page to its last made every webhook wait out
/// the whole import (and fail once that passed the busy timeout); between pages it must be free.
/// </summary>
public class ImportWriteLockTests
{
    [Fact]
    public async Task A_webhook_can_be_stored_while_a_long_import_fetches_its_next_page()
    {
        await using var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Library = SimLibrary.Generate(300) }, TestContext.Current.CancellationToken);

        // Every reading of this clock is a second later, so each page takes longer than the import may hold the lock.
        await using var harness = new ImportHarness(new SteppingClock(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero)));
        var backend = ImportHarness.Backend("jf", jellyfin) with
        {
            Options = new Dictionary<string, string> { ["client.timeout"] = "5", ["LIBRARY_SEGMENT"] = "50" },
        };
        var inbox = new WebhookWriter(harness.Database);

        var result = Assert.Single(await harness.ImportAsync(new ImportRequest([backend]), inbox));

        Assert.True(result.Succeeded, result.Error);
        Assert.True(inbox.Pages > 3, $"only {inbox.Pages} pages");
        Assert.Empty(inbox.Refused);
        Assert.Equal(inbox.Pages, await CountAsync(harness.Database, "SELECT count(*) FROM inbox"));

        // The same rows as an import that nothing interrupted.
        await using var alone = new ImportHarness();
        Assert.True(Assert.Single(await alone.ImportAsync(backend)).Succeeded);
        Assert.Equal(await RowsAsync(alone.Database), await RowsAsync(harness.Database));
    }

    private static async Task<long> CountAsync(Database database, string sql) => (long)(await ScalarAsync(database, sql))!;

    private static async Task<string> RowsAsync(Database database) => (string)(await ScalarAsync(database, """
        SELECT (SELECT count(*) FROM items) || ' items, ' || (SELECT count(*) FROM item_keys) || ' keys, ' ||
               (SELECT count(*) FROM backend_views) || ' views, ' || (SELECT count(*) FROM history) || ' history'
        """))!;

    private static async Task<object?> ScalarAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private long _readings;

        public override DateTimeOffset GetUtcNow() => start.AddSeconds(Interlocked.Increment(ref _readings));
    }

    /// <summary>After each imported page, stores a webhook from another connection that will not wait for the lock.</summary>
    private sealed class WebhookWriter(Database database) : IImportProgress
    {
        public int Pages { get; private set; }

        public List<string> Refused { get; } = [];

        public void BackendStarted(string backend)
        {
        }

        public void LibraryStarted(string backend, string library, int total)
        {
        }

        public void PageImported(string backend, string library, int done, int total)
        {
            Pages++;
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.DatabaseFile, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 0";
            command.ExecuteNonQuery();

            // The import waits on this very call, so waiting longer could only end in a timeout.
            command.CommandTimeout = 1;
            command.CommandText = """
                INSERT INTO inbox (received_at, source, event, content_type, user_agent, body)
                VALUES (0, 'jellyfin', 'UserDataSaved', 'application/json', NULL, x'7b7d')
                """;
            try
            {
                if (command.ExecuteNonQuery() != 1)
                {
                    Refused.Add($"page {Pages}: not inserted");
                }
            }
            catch (SqliteException e)
            {
                Refused.Add($"page {Pages}: {e.Message}");
            }
        }

        public void BackendFinished(BackendImportResult result)
        {
        }
    }
}
