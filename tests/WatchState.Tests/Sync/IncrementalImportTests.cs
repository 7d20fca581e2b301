using System.Globalization;
using Cronos;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Simulator;
using WatchState.Sync;
using WatchState.Tests.Simulator;

namespace WatchState.Tests.Sync;

/// <summary>
/// The everyday import against the simulators, which filter by change date the way the servers do. One clock
/// drives both the simulator (play dates, save dates) and the importer (cursors, schedule).
/// </summary>
public class IncrementalImportTests
{
    private const int Films = 300;

    // Saturday; the default schedule's next full import is due Sunday 2026-11-22 03:00 UTC.
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static readonly CronExpression Weekly = CronExpression.Parse(AppSettings.DefaultImportFullAt);

    /// <summary>300 films nobody watched, one film watched long ago, and a show with two episodes.</summary>
    private static readonly string Library = string.Join('\n', Enumerable.Range(1, Films)
        .Select(i => string.Create(CultureInfo.InvariantCulture, $"movie \"Film {i}\" 2001 imdb=tt{i + 1_000_000}"))
        .Concat([
            "movie \"The Matrix\" 1999 imdb=tt0133093",
            "movie \"Inception\" 2010 tmdb=27205 played=2024-01-05T18:21:00Z",
            "show \"Breaking Bad\" 2008 tvdb=81189",
            "  s01e01",
            "  s01e02",
        ]));

    private const int LibrarySize = Films + 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<MediaBrowserSimulator> MediaBrowserAsync(MediaBrowserFlavor flavor, ManualClock clock) =>
        MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions { Flavor = flavor, Library = SimLibrary.Parse(Library), TimeProvider = clock }, Ct);

    private static Task<PlexSimulator> PlexAsync(ManualClock clock) =>
        PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(Library), TimeProvider = clock }, Ct);

    private static ImportRequest Request(BackendConfig backend, bool forceFull = false) =>
        new([backend]) { FullSchedule = Weekly, ForceFull = forceFull };

    private static async Task<BackendImportResult> ImportAsync(ImportHarness harness, ImportRequest request)
    {
        var result = Assert.Single(await harness.ImportAsync(request));
        Assert.True(result.Succeeded, result.Error);
        return result;
    }

    private static async Task<bool> WatchedAsync(ImportHarness harness, string title) =>
        Assert.Single(await harness.ItemsAsync(), i => i.Item.Title == title).Item.Watched;

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin)]
    [InlineData(MediaBrowserFlavor.Emby)]
    public async Task A_play_after_the_first_import_arrives_with_an_incremental_import_that_reads_only_it(MediaBrowserFlavor flavor)
    {
        var clock = new ManualClock(Start);
        await using var sim = await MediaBrowserAsync(flavor, clock);
        await using var harness = new ImportHarness(clock);
        var backend = ImportHarness.Backend("mb", sim, flavor == MediaBrowserFlavor.Emby ? BackendType.Emby : BackendType.Jellyfin);
        var first = await ImportAsync(harness, Request(backend));
        clock.Now += TimeSpan.FromHours(2);
        sim.MarkPlayed(sim.AdminUserId, sim.ItemIdOf("The Matrix"), clock.Now);
        clock.Now += TimeSpan.FromHours(2);
        var requestsBefore = sim.RequestCount;

        var second = await ImportAsync(harness, Request(backend));

        Assert.True(first.Mode!.Full);
        Assert.Equal(LibrarySize, first.Counts.Seen);
        Assert.False(second.Mode!.Full);
        Assert.Equal("incremental since 2026-11-21 10:00", second.ModeText);
        Assert.Equal(1, second.Counts.Seen);
        Assert.Equal(1, second.Counts.Updated);
        Assert.True(await WatchedAsync(harness, "The Matrix"));
        Assert.InRange(sim.RequestCount - requestsBefore, 1, 6);
    }

    [Fact]
    public async Task A_plex_scrobble_after_the_first_import_arrives_with_an_incremental_import_that_reads_only_it()
    {
        var clock = new ManualClock(Start);
        await using var sim = await PlexAsync(clock);
        await using var harness = new ImportHarness(clock);
        var backend = ImportHarness.Backend("plex", sim);
        await ImportAsync(harness, Request(backend));
        clock.Now += TimeSpan.FromHours(2);
        sim.Scrobble("admin", sim.RatingKeyOf("The Matrix"));
        sim.SetProgress("admin", sim.RatingKeyOf("Breaking Bad S01E02"), TimeSpan.FromMinutes(10));
        clock.Now += TimeSpan.FromHours(2);
        var requestsBefore = sim.RequestCount;

        var second = await ImportAsync(harness, Request(backend));

        Assert.False(second.Mode!.Full);
        Assert.Equal(2, second.Counts.Seen);
        Assert.True(await WatchedAsync(harness, "The Matrix"));
        var episode = Assert.Single(await harness.ItemsAsync(), i => i.Item.SeriesTitle == "Breaking Bad" && i.Item.Episode == 2);
        Assert.Equal((long)TimeSpan.FromMinutes(10).TotalMilliseconds, episode.Item.ProgressMs);

        // Info, sections, two change listings per section, and the show list once an episode turned up.
        Assert.InRange(sim.RequestCount - requestsBefore, 1, 8);
    }

    [Theory]
    [InlineData("jellyfin")]
    [InlineData("plex")]
    public async Task A_routine_import_of_an_unchanged_library_makes_a_handful_of_requests_and_reads_nothing(string kind)
    {
        var clock = new ManualClock(Start);
        await using var jellyfin = kind == "jellyfin" ? await MediaBrowserAsync(MediaBrowserFlavor.Jellyfin, clock) : null;
        await using var plex = kind == "plex" ? await PlexAsync(clock) : null;
        await using var harness = new ImportHarness(clock);
        var backend = jellyfin is not null ? ImportHarness.Backend("jf", jellyfin) : ImportHarness.Backend("plex", plex!);
        int Requests() => jellyfin?.RequestCount ?? plex!.RequestCount;
        await ImportAsync(harness, Request(backend));
        clock.Now += TimeSpan.FromHours(1);
        var before = Requests();

        var routine = await ImportAsync(harness, Request(backend));

        Assert.False(routine.Mode!.Full);
        Assert.Equal(0, routine.Counts.Seen);
        Assert.InRange(Requests() - before, 1, 6);
    }

    [Fact]
    public async Task Force_full_reads_every_item_even_with_a_fresh_cursor()
    {
        var clock = new ManualClock(Start);
        await using var sim = await MediaBrowserAsync(MediaBrowserFlavor.Jellyfin, clock);
        await using var harness = new ImportHarness(clock);
        var backend = ImportHarness.Backend("jf", sim);
        await ImportAsync(harness, Request(backend));
        clock.Now += TimeSpan.FromMinutes(30);

        var forced = await ImportAsync(harness, Request(backend, forceFull: true));

        Assert.True(forced.Mode!.Full);
        Assert.Equal("full (forced)", forced.ModeText);
        Assert.Equal(LibrarySize, forced.Counts.Seen);
        Assert.Equal(LibrarySize, forced.Counts.Unchanged);
    }

    [Fact]
    public async Task The_first_import_after_the_full_schedule_came_due_reads_everything_and_restarts_the_schedule()
    {
        var clock = new ManualClock(Start);
        await using var sim = await MediaBrowserAsync(MediaBrowserFlavor.Jellyfin, clock);
        await using var harness = new ImportHarness(clock);
        var backend = ImportHarness.Backend("jf", sim);
        await ImportAsync(harness, Request(backend));

        clock.Now = new DateTimeOffset(2026, 11, 22, 2, 59, 0, TimeSpan.Zero);
        var beforeDue = await ImportAsync(harness, Request(backend));
        clock.Now = new DateTimeOffset(2026, 11, 22, 3, 1, 0, TimeSpan.Zero);
        var due = await ImportAsync(harness, Request(backend));
        clock.Now += TimeSpan.FromHours(1);
        var after = await ImportAsync(harness, Request(backend));

        Assert.False(beforeDue.Mode!.Full);
        Assert.True(due.Mode!.Full);
        Assert.Equal("full (scheduled, due 2026-11-22 03:00)", due.ModeText);
        Assert.Equal(LibrarySize, due.Counts.Seen);
        Assert.False(after.Mode!.Full);
        Assert.Equal("2026-11-22T03:01:00.0000000+00:00", await harness.CursorAsync("jf", Importer.FullCursorDirection));
    }

    [Fact]
    public async Task A_failed_import_moves_no_cursor_and_the_next_one_reads_from_the_old_cursor()
    {
        var clock = new ManualClock(Start);
        await using var sim = await MediaBrowserAsync(MediaBrowserFlavor.Jellyfin, clock);
        await using var harness = new ImportHarness(clock);
        var backend = ImportHarness.Backend("jf", sim);
        await ImportAsync(harness, Request(backend));
        var cursor = await harness.CursorAsync("jf");
        var fullCursor = await harness.CursorAsync("jf", Importer.FullCursorDirection);
        clock.Now += TimeSpan.FromHours(1);
        sim.MarkPlayed(sim.AdminUserId, sim.ItemIdOf("The Matrix"), clock.Now);
        clock.Now += TimeSpan.FromHours(1);
        sim.Faults.Garbage = true;

        var failed = Assert.Single(await harness.ImportAsync(Request(backend)));
        var cursorAfterFailure = await harness.CursorAsync("jf");
        sim.Faults.Garbage = false;
        clock.Now += TimeSpan.FromHours(1);
        var recovered = await ImportAsync(harness, Request(backend));

        Assert.False(failed.Succeeded);
        Assert.Equal(cursor, cursorAfterFailure);
        Assert.Equal(fullCursor, await harness.CursorAsync("jf", Importer.FullCursorDirection));
        Assert.Equal("incremental since 2026-11-21 10:00", recovered.ModeText);
        Assert.Equal(1, recovered.Counts.Updated);
        Assert.True(await WatchedAsync(harness, "The Matrix"));
        Assert.Equal("2026-11-21T13:00:00.0000000+00:00", await harness.CursorAsync("jf"));
    }

    [Fact]
    public async Task A_plex_unwatch_is_invisible_to_incremental_imports_says_so_and_arrives_with_the_next_full_one()
    {
        var clock = new ManualClock(Start);
        await using var sim = await PlexAsync(clock);
        await using var harness = new ImportHarness(clock);
        var backend = ImportHarness.Backend("plex", sim);
        sim.Scrobble("admin", sim.RatingKeyOf("The Matrix"));
        clock.Now += TimeSpan.FromHours(1);
        await ImportAsync(harness, Request(backend));
        clock.Now += TimeSpan.FromHours(1);
        sim.Unscrobble("admin", sim.RatingKeyOf("The Matrix"));
        clock.Now += TimeSpan.FromHours(1);

        var incremental = await ImportAsync(harness, Request(backend));
        var watchedAfterIncremental = await WatchedAsync(harness, "The Matrix");
        var full = await ImportAsync(harness, Request(backend, forceFull: true));

        Assert.Equal(0, incremental.Counts.Seen);
        Assert.True(watchedAfterIncremental);
        Assert.Contains(incremental.Warnings, w => w.Contains("unwatch", StringComparison.Ordinal));
        Assert.Equal(LibrarySize, full.Counts.Seen);
        var matrix = Assert.Single(await harness.ItemsAsync(), i => i.Item.Title == "The Matrix");
        Assert.False(Assert.Single(matrix.Views).Played, "the full import saw the unwatch");
    }

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin, false)]
    [InlineData(MediaBrowserFlavor.Emby, true)]
    public async Task An_unwatch_reaches_an_incremental_import_only_where_the_server_dates_it(MediaBrowserFlavor flavor, bool seenIncrementally)
    {
        var clock = new ManualClock(Start);
        await using var sim = await MediaBrowserAsync(flavor, clock);
        await using var harness = new ImportHarness(clock);
        var backend = ImportHarness.Backend("mb", sim, flavor == MediaBrowserFlavor.Emby ? BackendType.Emby : BackendType.Jellyfin);
        await ImportAsync(harness, Request(backend));
        clock.Now += TimeSpan.FromHours(1);
        sim.MarkUnplayed(sim.AdminUserId, sim.ItemIdOf("Inception"));
        clock.Now += TimeSpan.FromHours(1);

        var incremental = await ImportAsync(harness, Request(backend));
        var viewAfterIncremental = Assert.Single(Assert.Single(await harness.ItemsAsync(), i => i.Item.Title == "Inception").Views);
        var full = await ImportAsync(harness, Request(backend, forceFull: true));

        Assert.Equal(seenIncrementally ? 1 : 0, incremental.Counts.Seen);
        Assert.Equal(!seenIncrementally, viewAfterIncremental.Played);
        Assert.Equal(!seenIncrementally, incremental.Warnings.Any(w => w.Contains("unwatch", StringComparison.Ordinal)));
        Assert.Equal(LibrarySize, full.Counts.Seen);
        Assert.False(Assert.Single(Assert.Single(await harness.ItemsAsync(), i => i.Item.Title == "Inception").Views).Played);
    }
}
