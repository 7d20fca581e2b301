namespace WatchState.Domain;

/// <summary>How an observation reached us; decides which parts of the state it may change.</summary>
public enum ObservationKind
{
    Import,
    WebhookPlay,
    WebhookPause,
    WebhookStop,
    WebhookScrobble,
    MarkPlayed,
    MarkUnplayed,
    Live,
    Ui,
    Restore,
}
