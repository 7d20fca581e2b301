using System.Text.Json;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Restore;

/// <summary><c>backend:restore</c> through the real command against a Jellyfin simulator over HTTP.</summary>
public sealed class RestoreCommandTests : IAsyncLifetime
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m played=2024-01-05T18:21:00Z
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m progress=20m
        movie "Alien" 1979 imdb=tt0078748 runtime=1h57m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232 played=2024-02-01T20:00:00Z
          s01e02 tvdb=349235 runtime=48m progress=10m
        """;

    private static readonly string[] Titles = ["The Matrix", "Inception", "Alien", "Breaking Bad S01E01", "Breaking Bad S01E02"];

    private MediaBrowserSimulator _jellyfin = null!;
    private readonly CliRunner _cli = new();

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
    }

    public async ValueTask DisposeAsync()
    {
        _cli.Dispose();
        await _jellyfin.DisposeAsync();
    }

    [Fact]
    public async Task Restoring_a_backup_after_everything_was_marked_unwatched_brings_the_server_back_as_it_was()
    {
        await RunAsync(0, "state:import");
        await RunAsync(0, "state:backup");
        var file = Assert.Single(Directory.GetFiles(_cli.Data.Paths.BackupDir));
        var before = State();
        Wreck();
        Assert.NotEqual(before, State());
        var writes = _jellyfin.Writes.Count;

        var dryRun = await RunAsync(0, "backend:restore", file, "-s", "jf");

        Assert.Contains("would mark played: 2, would mark unplayed: 0, would set progress: 2, unchanged: 1, unmatched: 0", dryRun.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was written", dryRun.Out, StringComparison.Ordinal);
        Assert.Equal(writes, _jellyfin.Writes.Count);

        var execute = await RunAsync(0, "backend:restore", file, "-s", "jf", "--execute", "--progress");

        Assert.Equal(before, State());
        Assert.Equal(writes + 4, _jellyfin.Writes.Count);
        Assert.Contains("4 of 4 item(s) restored", execute.Out, StringComparison.Ordinal);
        Assert.Contains("entries read, file is valid", execute.Error, StringComparison.Ordinal);

        // The local state took the restore: the next export has nothing to push back onto the server.
        var again = await RunAsync(0, "backend:restore", file, "-s", "jf");
        Assert.Contains("would mark played: 0, would mark unplayed: 0, would set progress: 0, unchanged: 5", again.Out, StringComparison.Ordinal);
        await RunAsync(0, "state:export");
        Assert.Equal(before, State());
    }

    [Fact]
    public async Task A_watchstate_backup_with_guids_only_is_matched_by_its_ids_and_reports_what_it_could_not_find()
    {
        var file = Path.Combine(_cli.Data.Paths.BackupDir, "jf.20260101.json");
        Directory.CreateDirectory(_cli.Data.Paths.BackupDir);
        await File.WriteAllTextAsync(file, """
            [
              {"type":"movie","updated":1700000000,"watched":1,"via":"jf","title":"Alien","year":1979,
               "guids":{"guid_imdb":"tt0078748","guid_tmdb":"348"},"extra":{}},
              {"type":"episode","updated":1700000000,"watched":0,"via":"jf","title":"Pilot","year":2008,"season":1,"episode":2,
               "show":"Breaking Bad","guids":{},"parent":{"guid_tvdb":"81189"},"progress":1500000},
              {"type":"movie","updated":1700000000,"watched":1,"title":"Not Here","year":2001,"guids":{"guid_imdb":"tt0000001"}},
              {"type":"movie","updated":1700000000,"watched":0,"title":"The Matrix","year":1999,"guids":{"guid_imdb":"tt0133093"}}
            ]
            """, TestContext.Current.CancellationToken);
        var writes = _jellyfin.Writes.Count;

        var json = await RunAsync(0, "backend:restore", "jf.20260101.json", "-s", "jf", "-o", "json");

        using var plan = JsonDocument.Parse(json.Out);
        var counts = plan.RootElement.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("markPlayed").GetInt32());
        Assert.Equal(1, counts.GetProperty("markUnplayed").GetInt32());
        Assert.Equal(1, counts.GetProperty("progress").GetInt32());
        Assert.Equal(1, counts.GetProperty("unmatched").GetInt32());
        var unmatched = Assert.Single(plan.RootElement.GetProperty("unmatched").EnumerateArray());
        Assert.Contains("imdb:tt0000001", unmatched.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(writes, _jellyfin.Writes.Count);

        await RunAsync(0, "backend:restore", "jf.20260101.json", "-s", "jf", "--execute");

        var admin = _jellyfin.AdminUserId;
        Assert.True(_jellyfin.GetPlayState(admin, _jellyfin.ItemIdOf("Alien")).Played);
        Assert.False(_jellyfin.GetPlayState(admin, _jellyfin.ItemIdOf("The Matrix")).Played);
        Assert.Equal(TimeSpan.FromMilliseconds(1_500_000), _jellyfin.GetPlayState(admin, _jellyfin.ItemIdOf("Breaking Bad S01E02")).Position);
        Assert.Equal(TimeSpan.FromMinutes(20), _jellyfin.GetPlayState(admin, _jellyfin.ItemIdOf("Inception")).Position);
    }

    [Fact]
    public async Task An_item_ignored_on_that_server_is_reported_and_never_written_by_a_restore()
    {
        await RunAsync(0, "state:import");
        await RunAsync(0, "state:backup");
        var file = Assert.Single(Directory.GetFiles(_cli.Data.Paths.BackupDir));
        Wreck();
        var matrix = _jellyfin.ItemIdOf("The Matrix");
        await RunAsync(0, "ignore:add", "--item", matrix, "-s", "jf");

        var dryRun = await RunAsync(0, "backend:restore", file, "-s", "jf", "-o", "json");
        await RunAsync(0, "backend:restore", file, "-s", "jf", "--execute");

        using var plan = JsonDocument.Parse(dryRun.Out);
        var unmatched = Assert.Single(plan.RootElement.GetProperty("unmatched").EnumerateArray());
        Assert.Contains($"item://jf?id={matrix}", unmatched.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_jellyfin.Writes, w => w.Contains(matrix, StringComparison.Ordinal));
        Assert.False(_jellyfin.GetPlayState(_jellyfin.AdminUserId, matrix).Played);
        Assert.True(_jellyfin.GetPlayState(_jellyfin.AdminUserId, _jellyfin.ItemIdOf("Breaking Bad S01E01")).Played);
    }

    [Fact]
    public async Task A_cut_short_gzip_file_is_an_error_naming_the_file_and_nothing_is_contacted_or_written()
    {
        await RunAsync(0, "state:import");
        await RunAsync(0, "state:backup");
        var file = Assert.Single(Directory.GetFiles(_cli.Data.Paths.BackupDir));
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        var cut = Path.Combine(_cli.Data.Root, "cut.json.gz");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
        Wreck();
        var requests = _jellyfin.RequestCount;

        var run = await RunAsync(1, "backend:restore", cut, "-s", "jf", "--execute");

        Assert.Contains("cut.json.gz", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", run.Error, StringComparison.Ordinal);
        Assert.Equal(requests, _jellyfin.RequestCount);
    }

    [Theory]
    [InlineData("{\"type\":\"movie\"}", "not a valid JSON backup file")]
    [InlineData("[{\"type\":\"movie\",\"title\":\"X\"}]", "entry 1 (X) has no 'watched'")]
    [InlineData("this is not json", "not a valid JSON backup file")]
    public async Task A_file_that_is_not_an_array_of_backup_entries_is_a_clear_error(string text, string expected)
    {
        var file = Path.Combine(_cli.Data.Root, "bad.json");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);

        var run = await RunAsync(1, "backend:restore", file, "-s", "jf");

        Assert.Contains("bad.json", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(_jellyfin.Writes);
    }

    [Fact]
    public async Task An_unknown_backend_or_a_missing_file_is_an_error_that_names_it()
    {
        var backend = await RunAsync(2, "backend:restore", "x.json", "-s", "nope");
        var file = await RunAsync(1, "backend:restore", "missing.json", "-s", "jf");

        Assert.Contains("Unknown backend 'nope'", backend.Error, StringComparison.Ordinal);
        Assert.Contains("configured: jf", backend.Error, StringComparison.Ordinal);
        Assert.Contains("'missing.json' not found", file.Error, StringComparison.Ordinal);
    }

    private void Wreck()
    {
        foreach (var title in Titles)
        {
            _jellyfin.MarkUnplayed(_jellyfin.AdminUserId, _jellyfin.ItemIdOf(title));
        }
    }

    private string State() => string.Join("; ", Titles.Select(t =>
    {
        var s = _jellyfin.GetPlayState(_jellyfin.AdminUserId, _jellyfin.ItemIdOf(t));
        return $"{t}: played={s.Played} position={s.Position}";
    }));

    private async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, $"{string.Join(' ', args)}: {result}");
        return result;
    }
}
