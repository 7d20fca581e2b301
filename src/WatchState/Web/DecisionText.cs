using WatchState.Storage;

namespace WatchState.Web;

/// <summary>A row of an item's decision history in plain words: who said what, and what changed.</summary>
internal static class DecisionText
{
    /// <summary>Where the change came from: "Import from jf", "You, in WatchState", "Written to emby".</summary>
    public static string Source(HistoryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var backend = row.Backend ?? "a server";
        return row.Kind switch
        {
            "import" => $"Import from {backend}",
            "webhook.play" => $"{backend}: playback started (webhook)",
            "webhook.pause" => $"{backend}: playback paused (webhook)",
            "webhook.stop" => $"{backend}: playback stopped (webhook)",
            "webhook.scrobble" => $"{backend}: played to the end (webhook)",
            "webhook.mark_played" => $"{backend}: marked played on the server (webhook)",
            "webhook.mark_unplayed" => $"{backend}: marked unplayed on the server (webhook)",
            "live" => $"{backend}: live event",
            "ui" => row.Backend is null or "local" ? "You, in WatchState" : $"You, on {backend}",
            "restore" => "Restored from a backup",
            "export" => $"Written to {backend}",
            _ => row.Backend is null ? row.Kind : $"{backend}: {row.Kind}",
        };
    }

    /// <summary>What the row changed (or would have): "unwatched → watched", "first seen as watched".</summary>
    public static string Change(HistoryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Kind == "export")
        {
            return row.From is null ? $"set {row.To}" : $"set {row.To} (was {row.From})";
        }

        return row.Field switch
        {
            "item" => row.To is null ? "not added" : $"first seen as {row.To}",
            "progress" => $"resume point {row.From ?? "none"} → {row.To ?? "none"}",
            _ => $"{row.From ?? "nothing"} → {row.To ?? "nothing"}",
        };
    }
}
