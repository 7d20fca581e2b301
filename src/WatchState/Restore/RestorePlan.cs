using WatchState.Backends;
using WatchState.Export;

namespace WatchState.Restore;

/// <summary>One server item to change so it is as the backup says.</summary>
/// <param name="Entry">The entry's number in the file (1-based).</param>
/// <param name="MatchedBy">How it was found: <c>id</c> (the backend's item id in the entry) or the matching key.</param>
/// <param name="Write">The write to make.</param>
/// <param name="Then">A second write after the first went through (a resume point on an item first marked unplayed).</param>
/// <param name="Played">Played as the backup says.</param>
/// <param name="ProgressMs">The resume position the backup gives (0 for none).</param>
public sealed record RestoreChange(
    int Entry, string Title, string RemoteId, string MatchedBy, string From, RemoteWrite Write, RemoteWrite? Then, bool Played, long ProgressMs)
{
    /// <summary>The change as shown to users: <c>played</c>, <c>unplayed, then resume 0:20:00</c>, <c>clear resume</c>.</summary>
    public string Change
    {
        get
        {
            var first = Write.Kind == RemoteWriteKind.MarkUnplayed && !From.StartsWith("played", StringComparison.Ordinal)
                ? "clear resume"
                : WriteText.Describe(Write);
            return Then is null ? first : $"{first}, then {WriteText.Describe(Then)}";
        }
    }
}

/// <summary>A backup entry no server item was found for, and why.</summary>
public sealed record RestoreUnmatched(int Entry, string Title, string Reason);

/// <summary>What a restore would do, by kind; an item marked unplayed and given a resume point counts in both.</summary>
public sealed class RestoreCounts
{
    public int Entries { get; set; }
    public int MarkPlayed { get; set; }
    public int MarkUnplayed { get; set; }
    public int Progress { get; set; }
    public int Unchanged { get; set; }
    public int Unmatched { get; set; }
}

/// <summary>The changes that bring one server back to a backup file.</summary>
/// <param name="Listed">How many items the server listed.</param>
public sealed record RestorePlan(
    string File, string Identity, string Backend, int Listed, RestoreCounts Counts,
    IReadOnlyList<RestoreChange> Changes, IReadOnlyList<RestoreUnmatched> Unmatched);
