using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>Stable text names for enums stored in the history table (renaming a C# member must not change them).</summary>
internal static class HistoryKinds
{
    public static string Of(ObservationKind kind) => kind switch
    {
        ObservationKind.Import => "import",
        ObservationKind.WebhookPlay => "webhook.play",
        ObservationKind.WebhookPause => "webhook.pause",
        ObservationKind.WebhookStop => "webhook.stop",
        ObservationKind.WebhookScrobble => "webhook.scrobble",
        ObservationKind.MarkPlayed => "webhook.mark_played",
        ObservationKind.MarkUnplayed => "webhook.mark_unplayed",
        ObservationKind.Live => "live",
        ObservationKind.Ui => "ui",
        ObservationKind.Restore => "restore",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(ChangeField field) => field switch
    {
        ChangeField.Item => "item",
        ChangeField.Watched => "watched",
        ChangeField.Progress => "progress",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
