using WatchState.Backends;

namespace WatchState.Export;

/// <summary>One write the planner wants made, with the reason shown to the user and kept in the history.</summary>
public sealed record PlannedWrite(long ItemId, string Title, string Backend, RemoteWrite Write, string Reason)
{
    /// <summary>The change as a short word for tables: <c>played</c>, <c>unplayed</c>, <c>resume 0:42:00</c>, <c>clear resume</c>.</summary>
    public string Change => WriteText.Describe(Write);
}
