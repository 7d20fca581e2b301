using Microsoft.Extensions.Logging;
using WatchState.Configuration;
using WatchState.Logging;
using WatchState.Scheduling;
using WatchState.Storage;
using WatchState.Tests.Simulator;

namespace WatchState.Tests.Logging;

public sealed partial class FileLoggerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Lines_go_to_one_file_per_utc_day_with_time_level_category_and_exception()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 23, 59, 0, TimeSpan.Zero));
        var logs = _temp.File("logs");
        using (var provider = new FileLoggerProvider(logs, clock))
        {
            var logger = provider.CreateLogger("WatchState.Sync.Importer");
            Imported(logger, 3);
            clock.Now = clock.Now.AddMinutes(2);
            TwoLines(logger, new IOException("disk\nfull"));
        }

        var first = File.ReadAllLines(Path.Combine(logs, "watchstate.2026-11-24.log"));
        var second = File.ReadAllLines(Path.Combine(logs, "watchstate.2026-11-25.log"));
        Assert.Equal(["2026-11-24T23:59:00.000Z info WatchState.Sync.Importer: imported 3 items"], first);
        Assert.Equal(["2026-11-25T00:01:00.000Z warn WatchState.Sync.Importer: two lines | IOException: disk full"], second);
    }

    [Fact]
    public async Task Prune_removes_log_files_older_than_a_week_and_leaves_other_files()
    {
        var paths = DataPaths.FromRoot(_temp.Path);
        Directory.CreateDirectory(paths.LogsDir);
        foreach (var name in new[] { "watchstate.2026-11-10.log", "watchstate.2026-11-17.log", "watchstate.2026-11-24.log", "notes.txt" })
        {
            await File.WriteAllTextAsync(Path.Combine(paths.LogsDir, name), "x", TestContext.Current.CancellationToken);
        }

        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var database = new Database(paths.DatabaseFile);
        var task = new PruneTask(new TaskRunStore(database), new InboxStore(database), paths, clock);

        var message = await task.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["notes.txt", "watchstate.2026-11-17.log", "watchstate.2026-11-24.log"], Directory.EnumerateFiles(paths.LogsDir).Select(Path.GetFileName).Order());
        Assert.Contains("1 old log file(s) removed", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_forgets_finished_webhooks_after_30_days_but_never_pending_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        var paths = DataPaths.FromRoot(_temp.Path);
        var database = new Database(paths.DatabaseFile);
        var inbox = new InboxStore(database);
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        Task<long> AddAsync(DateTimeOffset at) =>
            inbox.AddAsync(new NewInboxEntry(at, "jellyfin", "PlaybackProgress", "application/json", null, "{}"u8.ToArray()), ct);
        var old = await AddAsync(now.AddDays(-40));
        var recent = await AddAsync(now.AddDays(-5));
        var oldPending = await AddAsync(now.AddDays(-60));
        await using (var connection = await database.OpenAsync(ct))
        {
            await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(ct);
            InboxStore.MarkDone(connection, transaction, old, "applied", null, "jf", now.AddDays(-40));
            InboxStore.MarkDone(connection, transaction, recent, "ignored", "not the configured user", null, now.AddDays(-5));
            await transaction.CommitAsync(ct);
        }

        await new PruneTask(new TaskRunStore(database), inbox, paths, new ManualClock(now)).RunAsync(ct);

        Assert.Null(await inbox.GetAsync(old, ct));
        Assert.NotNull(await inbox.GetAsync(recent, ct));
        Assert.NotNull(await inbox.GetAsync(oldPending, ct));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "imported {Count} items")]
    private static partial void Imported(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "two\nlines")]
    private static partial void TwoLines(ILogger logger, Exception exception);
}
