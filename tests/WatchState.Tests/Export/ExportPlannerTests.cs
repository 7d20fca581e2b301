using WatchState.Backends;
using WatchState.Domain;
using WatchState.Export;

namespace WatchState.Tests.Export;

/// <summary>Table tests of what the planner pushes where. Times are minutes after a fixed start.</summary>
public class ExportPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    private static ItemState Watched(int at) => new(true, At(at), 0, null);

    private static ItemState Unwatched(int at = -1, long progressMs = 0, int? progressAt = null) =>
        new(false, at < 0 ? ItemState.UnknownTime : At(at), progressMs, progressAt is { } p ? At(p) : null);

    private static PlanView View(string backend, bool played = false, int? playedAt = null, long progressMs = 0, int part = 0, string? id = null) =>
        new(backend, id ?? backend + "-1", part, new BackendView(played, playedAt is { } p ? At(p) : null, At(-100), progressMs, played ? 1 : 0), At(0));

    private static PlanItem Item(ItemState state, string? source, params PlanView[] views) =>
        new(1, "The Matrix", state, source, At(0), views);

    private static ExportPlanOptions Options(params string[] backends) => new()
    {
        Backends = new HashSet<string>(backends.Length == 0 ? ["jf", "emby", "plex"] : backends, StringComparer.Ordinal),
    };

    private static List<string> Plan(PlanItem item, ExportPlanOptions? options = null) =>
        [.. ExportPlanner.PlanItem(item, options ?? Options(), new ExportPlanCounts()).Select(w => $"{w.Backend}:{w.Change}")];

    public static TheoryData<string, PlanItem, string[]> Cases => new()
    {
        {
            "watched on one backend is pushed to the others, not back",
            Item(Watched(10), "jf", View("jf", played: true, playedAt: 10), View("emby"), View("plex")),
            ["emby:played", "plex:played"]
        },
        {
            "a backend already showing the merged state gets nothing",
            Item(Watched(10), "jf", View("jf", played: true, playedAt: 10), View("emby", played: true, playedAt: 3), View("plex", played: true, playedAt: 10)),
            []
        },
        {
            "the source backend gets nothing even when its view differs",
            Item(Watched(10), "jf", View("jf"), View("emby")),
            ["emby:played"]
        },
        {
            "an explicit change of ours (no source) goes everywhere",
            Item(Unwatched(20), null, View("jf", played: true, playedAt: 10), View("emby", played: true, playedAt: 5), View("plex")),
            ["jf:unplayed", "emby:unplayed"]
        },
        {
            "an item only seen unwatched in listings never unwatches a backend",
            Item(Unwatched(), "jf", View("jf"), View("emby", played: true, playedAt: 5)),
            []
        },
        {
            "a play there newer than the unplay is left alone",
            Item(Unwatched(20), "jf", View("jf"), View("emby", played: true, playedAt: 30)),
            []
        },
        {
            "a newer resume point moves to backends without it",
            Item(Unwatched(progressMs: 1_800_000, progressAt: 15), "emby", View("emby", progressMs: 1_800_000), View("jf"), View("plex", progressMs: 600_000)),
            ["jf:resume 0:30:00", "plex:resume 0:30:00"]
        },
        {
            "a position within a second is the same",
            Item(Unwatched(progressMs: 1_800_000, progressAt: 15), "emby", View("emby", progressMs: 1_800_000), View("jf", progressMs: 1_800_900)),
            []
        },
        {
            "a resume point under the minimum is not pushed",
            Item(Unwatched(progressMs: 59_000, progressAt: 15), "emby", View("emby", progressMs: 59_000), View("jf")),
            []
        },
        {
            "a played item clears a leftover resume point but not the one where it was played",
            Item(Watched(10), "jf", View("jf", played: true, playedAt: 10, progressMs: 300_000), View("emby", played: true, playedAt: 2, progressMs: 900_000)),
            ["emby:clear resume"]
        },
        {
            "rewatch progress on a played item is not pushed when the threshold is off",
            Item(Watched(500), "jf", View("jf", played: true, playedAt: 500, progressMs: 300_000), View("emby", played: true, playedAt: 10)),
            []
        },
        {
            "an extra episode of a multi-episode file gets no write of its own",
            Item(Watched(10), "jf", View("jf", played: true, playedAt: 10), View("emby", part: 4, id: "emby-file")),
            []
        },
        {
            "a backend without the item is skipped",
            Item(Watched(10), "jf", View("jf", played: true, playedAt: 10)),
            []
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plans_the_expected_writes(string because, PlanItem item, string[] expected)
    {
        Assert.True(expected.Order().SequenceEqual(Plan(item).Order()), $"{because}: got [{string.Join(", ", Plan(item))}]");
    }

    [Fact]
    public void Rewatch_progress_is_pushed_only_when_the_threshold_allows_it()
    {
        var item = Item(Watched(500), "jf",
            View("jf", played: true, playedAt: 500, progressMs: 300_000),
            View("emby", played: true, playedAt: 10),
            View("plex", played: true, playedAt: 490));
        var options = Options() with { ProgressThreshold = TimeSpan.FromHours(1) };

        Assert.Equal(["emby:resume 0:05:00"], Plan(item, options));
    }

    [Fact]
    public void Missing_items_are_counted_per_backend_and_writes_are_counted()
    {
        var counts = new ExportPlanCounts();
        PlanItem[] items =
        [
            Item(Watched(10), "jf", View("jf", played: true, playedAt: 10), View("emby")),
            Item(Watched(10), "jf", View("jf", played: true, playedAt: 10)),
        ];

        var writes = ExportPlanner.Plan(items, Options("jf", "emby", "plex"), counts).ToList();

        Assert.Single(writes);
        Assert.Equal(2, counts.Items);
        Assert.Equal(1, counts.Missing["emby"]);
        Assert.Equal(2, counts.Missing["plex"]);
        Assert.False(counts.Missing.ContainsKey("jf"));
        Assert.Equal(1, counts.Writes["emby"]);
    }

    [Fact]
    public void Only_backends_being_exported_get_writes()
    {
        var item = Item(Watched(10), "jf", View("jf", played: true, playedAt: 10), View("emby"), View("plex"));

        Assert.Equal(["plex:played"], Plan(item, Options("plex")));
    }

    [Fact]
    public void With_a_cursor_only_items_or_views_changed_since_are_planned()
    {
        var item = Item(Watched(10), "jf", View("jf", played: true, playedAt: 10), View("emby"));
        var after = Options() with { Since = new Dictionary<string, DateTimeOffset> { ["emby"] = At(5) } };
        var before = Options() with { Since = new Dictionary<string, DateTimeOffset> { ["emby"] = At(-5) } };

        Assert.Empty(Plan(item, after));
        Assert.Equal(["emby:played"], Plan(item, before));
    }

    [Fact]
    public void A_played_write_carries_the_play_date_and_an_undated_one_none()
    {
        var dated = ExportPlanner.PlanItem(Item(Watched(10), null, View("emby")), Options("emby"), new ExportPlanCounts()).Single();
        var undated = ExportPlanner.PlanItem(
            Item(new ItemState(true, ItemState.UnknownTime, 0, null), null, View("emby")), Options("emby"), new ExportPlanCounts()).Single();

        Assert.Equal(new RemoteWrite("emby-1", RemoteWriteKind.MarkPlayed, At(10)), dated.Write);
        Assert.Null(undated.Write.PlayedAt);
    }
}
