using System.IO.Compression;
using System.Text.Json;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Backup;

public sealed class BackupCommandTests : IAsyncLifetime
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m progress=20m
        movie "Alien" 1979 imdb=tt0078748
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232 played=2024-02-01T20:00:00Z
        """;

    private MediaBrowserSimulator _jellyfin = null!;
    private readonly CliRunner _cli = new();

    private string BackupDir => _cli.Data.Paths.BackupDir;

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
    public async Task Backup_after_an_import_writes_a_gzip_json_entry_per_item_with_the_remote_ids_and_play_state()
    {
        var run = await RunAsync(0, "state:backup");

        var file = Assert.Single(Directory.GetFiles(BackupDir));
        Assert.Matches(@"^jf\.\d{8}\.json\.gz$", Path.GetFileName(file));
        Assert.Contains($"jf: 4 item(s) to backup/{Path.GetFileName(file)}", run.Out, StringComparison.Ordinal);
        var entries = ReadGzip(file);
        Assert.Equal(4, entries.Count);

        var matrix = Entry(entries, "The Matrix");
        Assert.Equal("movie", matrix.GetProperty("type").GetString());
        Assert.Equal(1, matrix.GetProperty("watched").GetInt32());
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 18, 21, 0, TimeSpan.Zero).ToUnixTimeSeconds(), matrix.GetProperty("updated").GetInt64());
        Assert.Equal(1999, matrix.GetProperty("year").GetInt32());
        Assert.Equal("tt0133093", matrix.GetProperty("guids").GetProperty("guid_imdb").GetString());
        Assert.Equal(_jellyfin.ItemIdOf("The Matrix"), matrix.GetProperty("metadata").GetProperty("jf").GetProperty("id").GetString());

        var inception = Entry(entries, "Inception");
        Assert.Equal(0, inception.GetProperty("watched").GetInt32());
        Assert.Equal((long)TimeSpan.FromMinutes(20).TotalMilliseconds, inception.GetProperty("progress").GetInt64());
        Assert.False(Entry(entries, "Alien").TryGetProperty("progress", out _));

        var pilot = entries.Single(e => e.GetProperty("type").GetString() == "episode");
        Assert.Equal("Breaking Bad", pilot.GetProperty("show").GetString());
        Assert.Equal(1, pilot.GetProperty("season").GetInt32());
        Assert.Equal(1, pilot.GetProperty("episode").GetInt32());
        Assert.Equal(1, pilot.GetProperty("watched").GetInt32());
        Assert.Equal("81189", pilot.GetProperty("parent").GetProperty("guid_tvdb").GetString());
        Assert.Equal("349232", pilot.GetProperty("guids").GetProperty("guid_tvdb").GetString());
        Assert.False(pilot.GetProperty("guids").TryGetProperty("guid_show", out _));
        Assert.Equal(_jellyfin.ItemIdOf("Breaking Bad S01E01"), pilot.GetProperty("metadata").GetProperty("jf").GetProperty("id").GetString());
    }

    [Fact]
    public async Task No_compress_writes_plain_json_and_leaves_no_temp_file()
    {
        await RunAsync(0, "state:backup", "-s", "jf", "--no-compress");

        var file = Assert.Single(Directory.GetFiles(BackupDir));
        Assert.Matches(@"^jf\.\d{8}\.json$", Path.GetFileName(file));
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Equal(4, document.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Dry_run_counts_the_items_and_writes_nothing()
    {
        var run = await RunAsync(0, "state:backup", "--dry-run");

        Assert.Contains("jf: 4 item(s) would be written", run.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(BackupDir) && Directory.EnumerateFileSystemEntries(BackupDir).Any());
    }

    [Fact]
    public async Task An_unknown_backend_is_a_usage_error()
    {
        var run = await RunAsync(2, "state:backup", "-s", "nope");

        Assert.Contains("Unknown backend 'nope'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_prunes_dated_backups_older_than_the_keep_days_and_keeps_the_rest()
    {
        _cli.Environment["WS_BACKUP_KEEP_DAYS"] = "10";
        Directory.CreateDirectory(BackupDir);
        var old = Touch("jf.20200101.json.gz", TimeSpan.FromDays(11));
        var oldPlain = Touch("emby.20200102.json", TimeSpan.FromDays(30));
        var recent = Touch("jf.20200103.json.gz", TimeSpan.FromDays(9));
        var kept = Touch("jf.json", TimeSpan.FromDays(400));
        var other = Touch("notes.txt", TimeSpan.FromDays(400));

        var run = await RunAsync(0, "state:backup");

        Assert.Contains("2 old backup(s) removed", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(old));
        Assert.False(File.Exists(oldPlain));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(kept));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public async Task A_backup_that_cannot_be_written_leaves_no_temp_file_and_prunes_nothing()
    {
        _cli.Environment["WS_BACKUP_KEEP_DAYS"] = "10";
        Directory.CreateDirectory(BackupDir);
        var old = Touch("jf.20200101.json.gz", TimeSpan.FromDays(11));

        // A folder where today's file should go: the final rename fails after the data was written.
        var today = DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.Combine(BackupDir, $"jf.{today}.json.gz"));

        var run = await _cli.RunAsync("state:backup");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Backup failed, nothing was pruned", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(old));
        Assert.Equal([old], Directory.GetFiles(BackupDir));
    }

    [Fact]
    public async Task The_backup_task_is_listed_and_a_manual_run_says_what_it_wrote()
    {
        var tasks = await RunAsync(0, "system:tasks");
        var run = await RunAsync(0, "system:tasks", "--run", "backup");

        Assert.Matches(@"(?m)^backup\s+yes\s+0 6 \*/3 \* \*", tasks.Out);
        Assert.Matches(@"backup: ok: jf: 4 item\(s\) to backup/jf\.\d{8}\.json\.gz \([\d,]+ bytes\); 0 old backup\(s\) removed", run.Out);
        Assert.Single(Directory.GetFiles(BackupDir, "jf.*.json.gz"));
    }

    private string Touch(string name, TimeSpan age)
    {
        var path = Path.Combine(BackupDir, name);
        File.WriteAllText(path, "[]");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    private async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, $"{string.Join(' ', args)}: {result}");
        return result;
    }

    private static List<JsonElement> ReadGzip(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static JsonElement Entry(List<JsonElement> entries, string title) =>
        entries.Single(e => e.GetProperty("title").GetString() == title);
}
