using WatchState.Domain;
using static WatchState.Tests.DomainTests.At;

namespace WatchState.Tests.DomainTests;

/// <summary>Whole-flow checks: several observations in a row, each decided on the state the last one left.</summary>
public class ReconcilerSafetyTests
{
    private static readonly ReconcileOptions Defaults = new();

    private static (ItemState? State, BackendView View, Decision Decision) Step(
        ItemState? local, BackendView? previous, Observation observation, ReconcileOptions? options = null)
    {
        var decision = Reconciler.Decide(local, previous, observation, options ?? Defaults);
        return (decision.NewState, BackendView.From(observation), decision);
    }

    [Fact]
    public void A_brand_new_backend_on_which_nothing_is_watched_never_unwatches()
    {
        var plex = Step(null, null, Obs(played: true, playedAt: DaysAgo(100)));

        // The new Jellyfin server lists the same film unplayed: first import (no view), then the next one.
        var first = Step(plex.State, null, Obs(addedAt: DaysAgo(1)));
        var second = Step(first.State, first.View, Obs(addedAt: DaysAgo(1), received: Received.AddHours(1)));

        Assert.Equal(Watched(DaysAgo(100)), first.State);
        Assert.Equal(Watched(DaysAgo(100)), second.State);
        Assert.False(first.Decision.StateChanged);
        Assert.All(first.Decision.Changes.Concat(second.Decision.Changes), c => Assert.False(c.Applied));
    }

    [Fact]
    public void Import_order_does_not_decide_the_watched_state()
    {
        // The new backend is imported first this time: its unplayed listing must not block the older real play.
        var fresh = Step(null, null, Obs(addedAt: DaysAgo(1)));
        var plex = Step(fresh.State, null, Obs(played: true, playedAt: DaysAgo(100)));

        Assert.Equal(Watched(DaysAgo(100)), plex.State);
    }

    [Fact]
    public void A_rescan_with_a_new_added_date_does_not_unwatch()
    {
        var played = Step(null, null, Obs(played: true, playedAt: DaysAgo(10), addedAt: Added));

        var rescanned = Step(played.State, played.View, Obs(addedAt: DaysAgo(1)));

        Assert.Equal(Watched(DaysAgo(10)), rescanned.State);
        Assert.Contains(rescanned.Decision.Changes, c => !c.Applied && c.Reason.Contains(Reconciler.Rescanned, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unplay_on_the_backend_that_had_it_played_is_followed()
    {
        var played = Step(null, null, Obs(played: true, playedAt: DaysAgo(10), addedAt: Added));

        var unplayed = Step(played.State, played.View, Obs(addedAt: Added));

        Assert.Equal(Unwatched(Received), unplayed.State);
    }

    [Fact]
    public void A_newer_play_on_another_backend_survives_an_unplay_here()
    {
        var here = Step(null, null, Obs(played: true, playedAt: DaysAgo(10), addedAt: Added));
        var elsewhere = Step(here.State, null, Obs(played: true, playedAt: DaysAgo(2)) with { Backend = "plex" });

        var unplayedHere = Step(elsewhere.State, here.View, Obs(addedAt: Added));

        Assert.Equal(Watched(DaysAgo(2)), unplayedHere.State);
    }

    [Fact]
    public void Played_without_a_date_dates_by_added_date_without_the_fix_and_by_receive_time_with_it()
    {
        var undated = Obs(played: true, addedAt: Added);

        var without = Step(null, null, undated);
        var with = Step(null, null, undated, new ReconcileOptions { FixPlayedWithoutDate = true });

        Assert.Equal(Watched(Added), without.State);
        Assert.Equal(Watched(Received), with.State);
        Assert.Contains("played without a date", Assert.Single(without.Decision.Changes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_clock_ahead_of_ours_does_not_win_forever()
    {
        var skewed = Step(null, null, Obs(played: true, playedAt: Received.AddHours(6)));
        var unplay = Step(skewed.State, null, Obs(ObservationKind.MarkUnplayed, received: Received.AddMinutes(1)) with { Backend = "plex" });

        Assert.Equal(Watched(Received), skewed.State);
        Assert.Equal(Unwatched(Received.AddMinutes(1)), unplay.State);
    }

    [Fact]
    public void Repeating_the_same_listing_changes_nothing_the_second_time()
    {
        var options = new ReconcileOptions { FixPlayedWithoutDate = true };
        var listing = Obs(played: true, addedAt: Added);
        var first = Step(null, null, listing, options);

        var again = Step(first.State, first.View, listing with { ReceivedAt = Received.AddHours(1) }, options);

        Assert.False(again.Decision.StateChanged);
        Assert.Empty(again.Decision.Changes);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Reconciler.Decide(null, null, null!, Defaults));
        Assert.Throws<ArgumentNullException>(() => Reconciler.Decide(null, null, Obs(), null!));
    }
}
