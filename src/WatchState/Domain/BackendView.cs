namespace WatchState.Domain;

/// <summary>What one backend reported for one remote item the last time we saw it.</summary>
public sealed record BackendView(bool Played, DateTimeOffset? PlayedAt, DateTimeOffset? AddedAt, long ProgressMs, int PlayCount)
{
    /// <summary>The view to keep after this observation (its times as the backend sent them, not clamped).</summary>
    public static BackendView From(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new BackendView(
            observation.Played, observation.PlayedAt, observation.AddedAt, observation.ProgressMs, observation.PlayCount);
    }
}
