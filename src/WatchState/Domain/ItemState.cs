namespace WatchState.Domain;

/// <summary>The merged play state of one item, as the database keeps it.</summary>
/// <param name="Watched">Whether the item counts as watched.</param>
/// <param name="StateAt">
/// When the watched flag got its current value: the play date for watched; the unplay time for an explicit or
/// proven unplay; <see cref="UnknownTime"/> when the item was only ever seen unwatched in listings.
/// </param>
/// <param name="ProgressMs">Resume position in milliseconds; 0 when none.</param>
/// <param name="ProgressAt">When the resume position got its value; null when it never had one.</param>
public sealed record ItemState(bool Watched, DateTimeOffset StateAt, long ProgressMs, DateTimeOffset? ProgressAt)
{
    /// <summary>
    /// The <see cref="StateAt"/> of an item seen unwatched only in listings: that proves nothing about when, so
    /// any real play may win over it.
    /// </summary>
    public static readonly DateTimeOffset UnknownTime = DateTimeOffset.UnixEpoch;
}
