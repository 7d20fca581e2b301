using WatchState.Domain;
using static WatchState.Tests.DomainTests.At;

namespace WatchState.Tests.DomainTests;

/// <summary>Rule 6: resume points follow the newest position, never on a watched item.</summary>
public class ReconcilerProgressTests
{
    private const ObservationKind Pause = ObservationKind.WebhookPause;

    private static readonly Dictionary<string, ReconcileCase> Cases = new()
    {
        ["a newer position replaces the local one"] = new(
            Unwatched(Unknown, 600_000, DaysAgo(2)), null, Obs(playedAt: DaysAgo(1), progressMs: 2_700_000),
            Unwatched(Unknown, 2_700_000, DaysAgo(1)),
            new Expect(ChangeField.Progress, true, "newer position", "0:10:00", "0:45:00")),
        ["an older position is refused"] = new(
            Unwatched(Unknown, 600_000, DaysAgo(1)), null, Obs(playedAt: DaysAgo(2), progressMs: 2_700_000),
            Unwatched(Unknown, 600_000, DaysAgo(1)),
            new Expect(ChangeField.Progress, false, "older than local progress", "0:10:00", "0:45:00")),
        ["a position at the same time as local is refused"] = new(
            Unwatched(Unknown, 600_000, DaysAgo(1)), null, Obs(playedAt: DaysAgo(1), progressMs: 700_000),
            Unwatched(Unknown, 600_000, DaysAgo(1)),
            new Expect(ChangeField.Progress, false, "older than local progress")),
        ["a position without a play date is timed by the receive time"] = new(
            Unwatched(Unknown, 600_000, DaysAgo(1)), null, Obs(Pause, progressMs: 660_000),
            Unwatched(Unknown, 660_000, Received),
            new Expect(ChangeField.Progress, true, "newer position", "0:10:00", "0:11:00")),
        ["a local state without a progress time takes any position"] = new(
            Unwatched(Unknown), null, Obs(playedAt: new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), progressMs: 5_400_000),
            Unwatched(Unknown, 5_400_000, new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            new Expect(ChangeField.Progress, true, "newer position", "0:00:00", "1:30:00")),
        ["a position under the minimum is ignored"] = new(
            Unwatched(Unknown, 600_000, DaysAgo(2)), null, Obs(Pause, progressMs: 59_999),
            Unwatched(Unknown, 600_000, DaysAgo(2))),
        ["a position at the minimum counts"] = new(
            Unwatched(Unknown, 600_000, DaysAgo(2)), null, Obs(Pause, progressMs: 60_000),
            Unwatched(Unknown, 60_000, Received),
            new Expect(ChangeField.Progress, true, "newer position", "0:10:00", "0:01:00")),
        ["a backend dropping its resume point does not clear ours"] = new(
            Unwatched(Unknown, 600_000, DaysAgo(2)), null, Obs(progressMs: 0), Unwatched(Unknown, 600_000, DaysAgo(2))),
        ["the same position changes nothing"] = new(
            Unwatched(Unknown, 600_000, DaysAgo(2)), null, Obs(Pause, progressMs: 600_000), Unwatched(Unknown, 600_000, DaysAgo(2))),
        ["a pause event updates progress but not watched"] = new(
            Unwatched(DaysAgo(5)), null, Obs(Pause, played: true, progressMs: 1_200_000), Unwatched(DaysAgo(5), 1_200_000, Received),
            new Expect(ChangeField.Progress, true, "newer position")),
        ["a live event updates progress"] = new(
            Unwatched(Unknown), null, Obs(ObservationKind.Live, progressMs: 1_200_000), Unwatched(Unknown, 1_200_000, Received),
            new Expect(ChangeField.Progress, true, "newer position")),
        ["becoming watched clears the resume point"] = new(
            Unwatched(Unknown, 2_700_000, DaysAgo(2)), null, Obs(played: true, playedAt: DaysAgo(1)),
            new ItemState(true, DaysAgo(1), 0, DaysAgo(1)),
            new Expect(ChangeField.Watched, true, "newer than local state"),
            new Expect(ChangeField.Progress, true, Reconciler.WatchedClearsResume, "0:45:00", "0:00:00")),
        ["clearing never moves the progress time back"] = new(
            Unwatched(Unknown, 2_700_000, DaysAgo(1)), null, Obs(played: true, playedAt: DaysAgo(2)),
            new ItemState(true, DaysAgo(2), 0, DaysAgo(1)),
            new Expect(ChangeField.Watched, true, "newer than local state"),
            new Expect(ChangeField.Progress, true, Reconciler.WatchedClearsResume)),
        ["a watched item refuses a resume point"] = new(
            Watched(DaysAgo(3)), null, Obs(Pause, progressMs: 600_000), Watched(DaysAgo(3)),
            new Expect(ChangeField.Progress, false, "item is watched", "0:00:00", "0:10:00")),
        ["the play that finishes an item does not record its position"] = new(
            Unwatched(Unknown), null, Obs(ObservationKind.WebhookScrobble, played: true, progressMs: 6_000_000), Watched(Received),
            new Expect(ChangeField.Watched, true, "newer than local state")),
        ["a proven unplay takes the position that came with it"] = new(
            Watched(DaysAgo(3)), View(true, DaysAgo(3), Added), Obs(addedAt: Added, progressMs: 600_000),
            Unwatched(Received, 600_000, Received),
            new Expect(ChangeField.Watched, true, "same added date"),
            new Expect(ChangeField.Progress, true, "newer position")),
        ["a refused unplay does not let its position in"] = new(
            Watched(DaysAgo(3)), null, Obs(addedAt: Added, progressMs: 600_000), Watched(DaysAgo(3)),
            new Expect(ChangeField.Watched, false, Reconciler.NoProofListing),
            new Expect(ChangeField.Progress, false, "item is watched")),
        ["progress sync off refuses a position"] = new ReconcileCase(
            Unwatched(Unknown, 600_000, DaysAgo(2)), null, Obs(Pause, progressMs: 1_200_000), Unwatched(Unknown, 600_000, DaysAgo(2)),
            new Expect(ChangeField.Progress, false, Reconciler.ProgressOff, "0:10:00", "0:20:00"))
            .With(new() { ProgressEnabled = false }),
        ["progress sync off stays silent for short positions"] = new ReconcileCase(
            Unwatched(Unknown), null, Obs(Pause, progressMs: 10_000), Unwatched(Unknown)).With(new() { ProgressEnabled = false }),
        ["progress sync off still clears the resume point of a watched item"] = new ReconcileCase(
            Unwatched(Unknown, 600_000, DaysAgo(2)), null, Obs(played: true, playedAt: DaysAgo(1)),
            new ItemState(true, DaysAgo(1), 0, DaysAgo(1)),
            new Expect(ChangeField.Watched, true, "newer than local state"),
            new Expect(ChangeField.Progress, true, Reconciler.WatchedClearsResume)).With(new() { ProgressEnabled = false }),
        ["a custom minimum is honoured"] = new ReconcileCase(
            Unwatched(Unknown), null, Obs(Pause, progressMs: 30_000), Unwatched(Unknown, 30_000, Received),
            new Expect(ChangeField.Progress, true, "newer position", "0:00:00", "0:00:30")).With(new() { MinProgressMs = 10_000 }),
    };

    public static TheoryData<string> CaseNames() => Names(Cases);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Progress(string rule) => Cases[rule].Check();
}
