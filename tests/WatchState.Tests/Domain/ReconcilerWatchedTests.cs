using WatchState.Domain;
using static WatchState.Tests.DomainTests.At;

namespace WatchState.Tests.DomainTests;

/// <summary>Rules 0–5: clock skew, metadata-only backends, first sight, plays, unplays and which kinds may speak.</summary>
public class ReconcilerWatchedTests
{
    private const ObservationKind Import = ObservationKind.Import;
    private static readonly ReconcileOptions MetadataOnly = new() { ImportEnabled = false };
    private static readonly ReconcileOptions Fix = new() { FixPlayedWithoutDate = true };

    private static readonly Dictionary<string, ReconcileCase> Skew = new()
    {
        ["future played-at is clamped to the receive time"] = new(
            Unwatched(Unknown), null, Obs(played: true, playedAt: Received.AddHours(1)), Watched(Received),
            new Expect(ChangeField.Watched, true, "clock skew: played-at 2024-06-01T13:00:00Z is after the receive time")),
        ["future added-at is clamped when it stands in for a play date"] = new(
            null, null, Obs(played: true, addedAt: Received.AddDays(2)), Watched(Received),
            new Expect(ChangeField.Item, true, "clock skew: added-at")),
        ["future play time of a position is clamped"] = new(
            Unwatched(Unknown, 60_000, DaysAgo(1)), null, Obs(playedAt: Received.AddDays(1), progressMs: 600_000),
            Unwatched(Unknown, 600_000, Received),
            new Expect(ChangeField.Progress, true, "clamped")),
        ["times at or before the receive time are not reported as skew"] = new(
            Unwatched(Unknown), null, Obs(played: true, playedAt: Received, addedAt: Received), Watched(Received),
            new Expect(ChangeField.Watched, true, "newer than local state")),
    };

    private static readonly Dictionary<string, ReconcileCase> Metadata = new()
    {
        ["never creates an item"] = new ReconcileCase(
            null, null, Obs(played: true, playedAt: DaysAgo(1)), null,
            new Expect(ChangeField.Item, false, Reconciler.MetadataOnly)).With(MetadataOnly),
        ["never marks watched"] = new ReconcileCase(
            Unwatched(Unknown), null, Obs(played: true, playedAt: DaysAgo(1)), Unwatched(Unknown),
            new Expect(ChangeField.Watched, false, Reconciler.MetadataOnly, "unwatched", "watched")).With(MetadataOnly),
        ["never unwatches, even on an explicit unplay"] = new ReconcileCase(
            Watched(DaysAgo(5)), null, Obs(ObservationKind.MarkUnplayed), Watched(DaysAgo(5)),
            new Expect(ChangeField.Watched, false, Reconciler.MetadataOnly)).With(MetadataOnly),
        ["never changes progress"] = new ReconcileCase(
            Unwatched(Unknown), null, Obs(ObservationKind.WebhookPause, progressMs: 600_000), Unwatched(Unknown),
            new Expect(ChangeField.Progress, false, Reconciler.MetadataOnly, "0:00:00", "0:10:00")).With(MetadataOnly),
        ["a change refused for its own reason keeps that reason"] = new ReconcileCase(
            Unwatched(DaysAgo(1)), null, Obs(played: true, playedAt: DaysAgo(3)), Unwatched(DaysAgo(1)),
            new Expect(ChangeField.Watched, false, Reconciler.OlderThanLocal)).With(MetadataOnly),
        ["nothing to change records nothing"] = new ReconcileCase(
            Watched(DaysAgo(1)), null, Obs(played: true, playedAt: DaysAgo(1)), Watched(DaysAgo(1))).With(MetadataOnly),
    };

    private static readonly Dictionary<string, ReconcileCase> FirstSight = new()
    {
        ["played with a date is created watched at that date"] = new(
            null, null, Obs(played: true, playedAt: DaysAgo(3), addedAt: Added), Watched(DaysAgo(3)),
            new Expect(ChangeField.Item, true, "first seen", null, "watched")),
        ["unplayed in a listing is created unwatched at an unknown time"] = new(
            null, null, Obs(addedAt: Added), Unwatched(Unknown),
            new Expect(ChangeField.Item, true, "first seen", null, "unwatched")),
        ["played without a date uses the added date"] = new(
            null, null, Obs(played: true, addedAt: Added), Watched(Added),
            new Expect(ChangeField.Item, true, "played without a date, using the added date")),
        ["played without a date or added date uses the receive time"] = new(
            null, null, Obs(played: true), Watched(Received),
            new Expect(ChangeField.Item, true, "played without a date, using the receive time")),
        ["played without a date with the fix uses the receive time"] = new ReconcileCase(
            null, null, Obs(played: true, addedAt: Added), Watched(Received),
            new Expect(ChangeField.Item, true, "played without a date, using the receive time")).With(Fix),
        ["explicit unplay is created unwatched at the receive time"] = new(
            null, null, Obs(ObservationKind.MarkUnplayed, addedAt: Added), Unwatched(Received),
            new Expect(ChangeField.Item, true, "first seen")),
        ["a resume point is taken with its play time"] = new(
            null, null, Obs(playedAt: DaysAgo(2), progressMs: 2_700_000), Unwatched(Unknown, 2_700_000, DaysAgo(2)),
            new Expect(ChangeField.Item, true, "first seen"),
            new Expect(ChangeField.Progress, true, "first seen with a resume point", "0:00:00", "0:45:00")),
        ["a watched item is created without its resume point"] = new(
            null, null, Obs(played: true, playedAt: DaysAgo(2), progressMs: 600_000), Watched(DaysAgo(2)),
            new Expect(ChangeField.Item, true, "first seen")),
        ["a play event creates an unwatched item with its position"] = new(
            null, null, Obs(ObservationKind.WebhookPlay, played: true, progressMs: 300_000), Unwatched(Unknown, 300_000, Received),
            new Expect(ChangeField.Item, true, "first seen", null, "unwatched"),
            new Expect(ChangeField.Progress, true, "resume point")),
        ["a position under the minimum is not taken"] = new(
            null, null, Obs(progressMs: 30_000), Unwatched(Unknown),
            new Expect(ChangeField.Item, true, "first seen")),
        ["with progress sync off the resume point is refused"] = new ReconcileCase(
            null, null, Obs(progressMs: 600_000), Unwatched(Unknown),
            new Expect(ChangeField.Item, true, "first seen"),
            new Expect(ChangeField.Progress, false, Reconciler.ProgressOff)).With(new() { ProgressEnabled = false }),
    };

    private static readonly Dictionary<string, ReconcileCase> Plays = new()
    {
        ["a newer play marks an unwatched item watched"] = new(
            Unwatched(DaysAgo(10)), null, Obs(played: true, playedAt: DaysAgo(1)), Watched(DaysAgo(1)),
            new Expect(ChangeField.Watched, true, "newer than local state", "unwatched", "watched")),
        ["an older play is refused"] = new(
            Unwatched(DaysAgo(1)), null, Obs(played: true, playedAt: DaysAgo(10)), Unwatched(DaysAgo(1)),
            new Expect(ChangeField.Watched, false, Reconciler.OlderThanLocal, "unwatched", "watched")),
        ["a play at exactly the local time is refused"] = new(
            Unwatched(DaysAgo(1)), null, Obs(played: true, playedAt: DaysAgo(1)), Unwatched(DaysAgo(1)),
            new Expect(ChangeField.Watched, false, Reconciler.OlderThanLocal)),
        ["any dated play beats an unwatched state seen only in listings"] = new(
            Unwatched(Unknown), null, Obs(played: true, playedAt: new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Watched(new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            new Expect(ChangeField.Watched, true, "played at 2015-01-01T00:00:00Z")),
        ["a newer play date moves a watched item forward"] = new(
            Watched(DaysAgo(10)), null, Obs(played: true, playedAt: DaysAgo(1)), Watched(DaysAgo(1)),
            new Expect(ChangeField.Watched, true, Reconciler.NewerPlayDate, "watched at 2024-05-22T12:00:00Z", "watched at 2024-05-31T12:00:00Z")),
        ["an older play date on a watched item changes nothing"] = new(
            Watched(DaysAgo(1)), null, Obs(played: true, playedAt: DaysAgo(10)), Watched(DaysAgo(1))),
        ["a play without a date does not move a watched item's date"] = new(
            Watched(DaysAgo(900)), null, Obs(played: true, addedAt: Added), Watched(DaysAgo(900))),
        ["with the fix a play without a date still does not move a watched item's date"] = new ReconcileCase(
            Watched(DaysAgo(10)), null, Obs(played: true, addedAt: Added), Watched(DaysAgo(10))).With(Fix),
        ["played without a date loses to a newer unplay without the fix"] = new(
            Unwatched(DaysAgo(10)), null, Obs(played: true, addedAt: Added), Unwatched(DaysAgo(10)),
            new Expect(ChangeField.Watched, false, "played without a date, using the added date")),
        ["played without a date wins with the fix"] = new ReconcileCase(
            Unwatched(DaysAgo(10)), null, Obs(played: true, addedAt: Added), Watched(Received),
            new Expect(ChangeField.Watched, true, "played without a date, using the receive time")).With(Fix),
        ["mark played counts even without the played flag"] = new(
            Unwatched(DaysAgo(10)), null, Obs(ObservationKind.MarkPlayed, addedAt: Added), Watched(Received),
            new Expect(ChangeField.Watched, true, "played without a date, using the receive time")),
        ["an undated stop event is played now, not at its added date"] = new(
            Unwatched(DaysAgo(10)), null, Obs(ObservationKind.WebhookStop, played: true, addedAt: Added), Watched(Received),
            new Expect(ChangeField.Watched, true, "newer than local state")),
    };

    private static readonly Dictionary<string, ReconcileCase> Unplays = new()
    {
        ["an explicit unplay newer than local unwatches"] = new(
            Watched(DaysAgo(3)), null, Obs(ObservationKind.MarkUnplayed), Unwatched(Received),
            new Expect(ChangeField.Watched, true, "marked unplayed", "watched", "unwatched")),
        ["an explicit unplay that reports played is still an unplay"] = new(
            Watched(DaysAgo(3)), null, Obs(ObservationKind.MarkUnplayed, played: true), Unwatched(Received),
            new Expect(ChangeField.Watched, true, "marked unplayed")),
        ["an explicit unplay older than local is refused"] = new(
            Watched(Received.AddMinutes(5)), null, Obs(ObservationKind.MarkUnplayed), Watched(Received.AddMinutes(5)),
            new Expect(ChangeField.Watched, false, Reconciler.OlderThanLocal)),
        ["an explicit unplay from our UI unwatches"] = new(
            Watched(DaysAgo(3)), null, Obs(ObservationKind.Ui, isExplicit: true), Unwatched(Received),
            new Expect(ChangeField.Watched, true, "marked unplayed")),
        ["a UI unplay not marked explicit needs proof"] = new(
            Watched(DaysAgo(3)), null, Obs(ObservationKind.Ui), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.NoProofListing)),
        ["an explicit flag on a listing is not proof"] = new(
            Watched(DaysAgo(3)), null, Obs(Import, isExplicit: true), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.NoProofListing)),
        ["unplayed where the same backend had it played, same added date, unwatches"] = new(
            Watched(DaysAgo(3)), View(true, DaysAgo(3), Added), Obs(addedAt: Added), Unwatched(Received),
            new Expect(ChangeField.Watched, true, "same added date", "watched", "unwatched")),
        ["proof holds when the local play is older than the backend's play"] = new(
            Watched(DaysAgo(30)), View(true, DaysAgo(3), Added), Obs(addedAt: Added), Unwatched(Received),
            new Expect(ChangeField.Watched, true, "same added date")),
        ["unplayed in a listing without a previous view is refused"] = new(
            Watched(DaysAgo(3)), null, Obs(addedAt: Added), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.NoProofListing, "watched", "unwatched")),
        ["unplayed when the backend had it unplayed before too is refused"] = new(
            Watched(DaysAgo(3)), View(false, null, Added), Obs(addedAt: Added), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.NoProofListing)),
        ["a re-scanned item (added date changed) is refused"] = new(
            Watched(DaysAgo(3)), View(true, DaysAgo(3), Added), Obs(addedAt: DaysAgo(1)), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.Rescanned)),
        ["an added date that disappeared counts as a re-scan"] = new(
            Watched(DaysAgo(3)), View(true, DaysAgo(3), Added), Obs(), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.Rescanned)),
        ["no added dates to compare is refused"] = new(
            Watched(DaysAgo(3)), View(true, DaysAgo(3), null), Obs(), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.NoProofAddedDate)),
        ["an earlier play without a date is refused"] = new(
            Watched(DaysAgo(3)), View(true, null, Added), Obs(addedAt: Added), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.NoProofUndatedPlay)),
        ["a newer play elsewhere is refused"] = new(
            Watched(DaysAgo(1)), View(true, DaysAgo(3), Added), Obs(addedAt: Added), Watched(DaysAgo(1)),
            new Expect(ChangeField.Watched, false, Reconciler.NewerPlayElsewhere)),
        ["unplayed on an unwatched item changes nothing"] = new(
            Unwatched(DaysAgo(3)), View(true, DaysAgo(3), Added), Obs(addedAt: Added), Unwatched(DaysAgo(3))),
    };

    public static TheoryData<string> SkewNames() => Names(Skew);

    public static TheoryData<string> MetadataNames() => Names(Metadata);

    public static TheoryData<string> FirstSightNames() => Names(FirstSight);

    public static TheoryData<string> PlayNames() => Names(Plays);

    public static TheoryData<string> UnplayNames() => Names(Unplays);

    [Theory]
    [MemberData(nameof(SkewNames))]
    public void Clock_skew(string rule) => Skew[rule].Check();

    [Theory]
    [MemberData(nameof(MetadataNames))]
    public void Metadata_only_backend(string rule) => Metadata[rule].Check();

    [Theory]
    [MemberData(nameof(FirstSightNames))]
    public void First_sight(string rule) => FirstSight[rule].Check();

    [Theory]
    [MemberData(nameof(PlayNames))]
    public void Played_beats_unplayed_only_when_newer(string rule) => Plays[rule].Check();

    [Theory]
    [MemberData(nameof(UnplayNames))]
    public void Unplayed_beats_played_only_with_proof(string rule) => Unplays[rule].Check();

    [Theory]
    [InlineData(ObservationKind.WebhookPlay)]
    [InlineData(ObservationKind.WebhookPause)]
    [InlineData(ObservationKind.Live)]
    public void Playback_events_never_change_watched(ObservationKind kind)
    {
        new ReconcileCase(Unwatched(DaysAgo(3)), null, Obs(kind, played: true, playedAt: DaysAgo(1)), Unwatched(DaysAgo(3))).Check();
        new ReconcileCase(
            Watched(DaysAgo(3)), View(true, DaysAgo(3), Added), Obs(kind, addedAt: Added), Watched(DaysAgo(3))).Check();
    }

    [Theory]
    [InlineData(ObservationKind.WebhookStop)]
    [InlineData(ObservationKind.WebhookScrobble)]
    [InlineData(ObservationKind.MarkPlayed)]
    [InlineData(ObservationKind.Import)]
    [InlineData(ObservationKind.Ui)]
    [InlineData(ObservationKind.Restore)]
    public void Finishing_and_listing_kinds_may_mark_watched(ObservationKind kind) =>
        new ReconcileCase(
            Unwatched(DaysAgo(3)), null, Obs(kind, played: true, playedAt: DaysAgo(1)), Watched(DaysAgo(1)),
            new Expect(ChangeField.Watched, true, "newer than local state")).Check();

    // A stop midway or a scrobble says nothing against an earlier play, even when the view looks like proof:
    // Plex and Tautulli report a reset state after an unwatch, and a partial replay leaves the item watched.
    [Theory]
    [InlineData(ObservationKind.WebhookStop)]
    [InlineData(ObservationKind.WebhookScrobble)]
    public void Stop_and_scrobble_events_never_unwatch(ObservationKind kind) =>
        new ReconcileCase(
            Watched(DaysAgo(3)), View(true, DaysAgo(3), Added), Obs(kind, addedAt: Added), Watched(DaysAgo(3))).Check();

    [Theory]
    [InlineData(ObservationKind.Import)]
    [InlineData(ObservationKind.Ui)]
    [InlineData(ObservationKind.Restore)]
    public void Listing_kinds_may_unwatch_with_proof(ObservationKind kind) =>
        new ReconcileCase(
            Watched(DaysAgo(3)), View(true, DaysAgo(3), Added), Obs(kind, addedAt: Added), Unwatched(Received),
            new Expect(ChangeField.Watched, true, "same added date")).Check();
}
