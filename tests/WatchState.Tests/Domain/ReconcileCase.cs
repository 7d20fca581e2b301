using WatchState.Domain;

namespace WatchState.Tests.DomainTests;

/// <summary>What a change in a decision must look like; From/To are checked only when given.</summary>
public sealed record Expect(ChangeField Field, bool Applied, string ReasonContains, string? From = null, string? To = null);

/// <summary>One row of a reconciler table: inputs, the state we expect to store, and the history we expect.</summary>
public sealed record ReconcileCase(
    ItemState? Local,
    BackendView? Previous,
    Observation Observation,
    ItemState? Expected,
    params Expect[] Changes)
{
    public ReconcileCase With(ReconcileOptions options) => this with { Options = options };

    public ReconcileOptions Options { get; init; } = new();

    public void Check()
    {
        var decision = Reconciler.Decide(Local, Previous, Observation, Options);

        Assert.Equal(Expected, decision.NewState);
        Assert.Equal(!Equals(Local, decision.NewState), decision.StateChanged);
        Assert.True(
            Changes.Length == decision.Changes.Count,
            $"expected {Changes.Length} change(s), got: {string.Join(" | ", decision.Changes)}");
        for (var i = 0; i < Changes.Length; i++)
        {
            var (want, got) = (Changes[i], decision.Changes[i]);
            Assert.Equal(want.Field, got.Field);
            Assert.True(want.Applied == got.Applied, $"change {i} applied: expected {want.Applied}, got {got}");
            Assert.Contains(want.ReasonContains, got.Reason, StringComparison.Ordinal);
            if (want.From is not null)
            {
                Assert.Equal(want.From, got.From);
            }

            if (want.To is not null)
            {
                Assert.Equal(want.To, got.To);
            }
        }
    }
}

/// <summary>Shared times and builders, so each table row reads as one line of intent.</summary>
public static class At
{
    /// <summary>When we receive the observation under test.</summary>
    public static readonly DateTimeOffset Received = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Added = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset DaysAgo(int days) => Received.AddDays(-days);

    public static DateTimeOffset Unknown => ItemState.UnknownTime;

    public static Observation Obs(
        ObservationKind kind = ObservationKind.Import,
        bool played = false,
        DateTimeOffset? playedAt = null,
        DateTimeOffset? addedAt = null,
        long progressMs = 0,
        bool isExplicit = false,
        DateTimeOffset? received = null) => new()
        {
            Backend = "jf",
            RemoteId = "r1",
            Type = MediaType.Movie,
            Title = "The Matrix",
            Ids = [new("imdb", "tt0133093")],
            Kind = kind,
            Played = played,
            PlayedAt = playedAt,
            AddedAt = addedAt,
            ProgressMs = progressMs,
            Explicit = isExplicit,
            ReceivedAt = received ?? Received,
        };

    public static ItemState Watched(DateTimeOffset at) => new(true, at, 0, null);

    public static ItemState Unwatched(DateTimeOffset at, long progressMs = 0, DateTimeOffset? progressAt = null) =>
        new(false, at, progressMs, progressAt);

    public static BackendView View(bool played, DateTimeOffset? playedAt, DateTimeOffset? addedAt) =>
        new(played, playedAt, addedAt, 0, played ? 1 : 0);

    public static TheoryData<string> Names(IReadOnlyDictionary<string, ReconcileCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (var name in cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }
}
