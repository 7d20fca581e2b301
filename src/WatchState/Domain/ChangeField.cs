namespace WatchState.Domain;

/// <summary>Which part of an item a <see cref="Change"/> is about.</summary>
public enum ChangeField
{
    /// <summary>The item itself (created on first sight).</summary>
    Item,
    Watched,
    Progress,
}
