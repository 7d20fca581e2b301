namespace WatchState.Domain;

/// <summary>What the <see cref="Reconciler"/> decided for one observation.</summary>
/// <param name="NewState">The state to store; equal to the input state when nothing changed; null when no item exists.</param>
/// <param name="Changes">Every applied and refused change, for the item's history.</param>
public sealed record Decision(ItemState? NewState, IReadOnlyList<Change> Changes)
{
    /// <summary>
    /// True when <see cref="NewState"/> differs from the input state (or the item was created), so it must be
    /// written. The reconciler records an applied change for every difference it makes, and only for those.
    /// </summary>
    public bool StateChanged => Changes.Any(c => c.Applied);
}
