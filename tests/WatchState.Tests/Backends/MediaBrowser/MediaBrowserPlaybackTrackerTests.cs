using WatchState.Backends.MediaBrowser;

namespace WatchState.Tests.Backends.MediaBrowser;

public sealed class MediaBrowserPlaybackTrackerTests
{
    private const long Minute = 600_000_000;

    [Fact]
    public void While_playing_an_item_gets_at_most_one_position_per_ten_seconds()
    {
        var clock = new ManualClock();
        var tracker = new MediaBrowserPlaybackTracker(clock);

        Assert.Single(tracker.Update([new PlayingNow("a", 10 * Minute, false)]).Report);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Empty(tracker.Update([new PlayingNow("a", 10 * Minute + 15_000_000, false)]).Report);
        clock.Advance(TimeSpan.FromSeconds(9));
        var due = Assert.Single(tracker.Update([new PlayingNow("a", 10 * Minute + 105_000_000, false)]).Report);
        Assert.Equal(10 * Minute + 105_000_000, due.PositionTicks);
    }

    [Fact]
    public void A_pause_is_reported_at_once_and_an_unchanged_position_never_again()
    {
        var clock = new ManualClock();
        var tracker = new MediaBrowserPlaybackTracker(clock);
        tracker.Update([new PlayingNow("a", 10 * Minute, false)]);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(tracker.Update([new PlayingNow("a", 11 * Minute, true)]).Report);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(tracker.Update([new PlayingNow("a", 11 * Minute, true)]).Report);
    }

    [Fact]
    public void A_stop_reports_the_last_position_not_yet_reported_and_forgets_the_item()
    {
        var clock = new ManualClock();
        var tracker = new MediaBrowserPlaybackTracker(clock);
        tracker.Update([new PlayingNow("a", 10 * Minute, false), new PlayingNow("b", 5 * Minute, false)]);
        clock.Advance(TimeSpan.FromSeconds(2));
        tracker.Update([new PlayingNow("a", 10 * Minute + 20_000_000, false), new PlayingNow("b", 5 * Minute, false)]);

        var (report, gone) = tracker.Update([new PlayingNow("b", 5 * Minute, false)]);

        var last = Assert.Single(report);
        Assert.Equal(("a", 10 * Minute + 20_000_000), (last.ItemId, last.PositionTicks));
        Assert.Equal(["a"], gone);
    }

    [Fact]
    public void A_session_at_the_very_start_reports_nothing_until_it_moves()
    {
        var tracker = new MediaBrowserPlaybackTracker(new ManualClock());

        Assert.Empty(tracker.Update([new PlayingNow("a", 0, false)]).Report);
        Assert.Single(tracker.Update([new PlayingNow("a", Minute, true)]).Report);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
