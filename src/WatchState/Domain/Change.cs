namespace WatchState.Domain;

/// <summary>One applied or refused change, with the reason that goes into the item's history.</summary>
/// <param name="From">The value before, as text (<c>unwatched</c>, <c>0:45:00</c>); null for a new item.</param>
/// <param name="To">The value the observation asked for, as text.</param>
public sealed record Change(ChangeField Field, bool Applied, string? From, string? To, string Reason);
