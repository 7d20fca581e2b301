using WatchState.Backends;
using WatchState.Domain;

namespace WatchState.Webhooks;

/// <summary>
/// Turns the item an event names (mapped as an import would map it) into what the event claims. The rules that
/// keep webhooks from doing harm live here and in the reconciler: start/play/pause only move the resume point;
/// a stop marks played only when the sender says it finished or it passed <see cref="PlayedThreshold"/>.
/// </summary>
internal static class EventObservations
{
    /// <summary>Used for the multi-episode cap when an event's item is mapped (the backends' default).</summary>
    public const int MaxEpisodeRange = 5;

    public static IReadOnlyList<Observation> Progress(ItemPage page, ObservationKind kind) =>
        [.. page.Items.Select(o => o with { Kind = kind })];

    /// <param name="completed">The sender said the play finished (Jellyfin/Emby <c>PlayedToCompletion</c>).</param>
    public static IReadOnlyList<Observation> Stop(ItemPage page, bool completed) =>
        [.. page.Items.Select(o => completed || PlayedThreshold.Reached(o.ProgressMs, o.DurationMs)
            ? o with { Kind = ObservationKind.WebhookStop, Played = true, PlayedAt = null, PlayCount = Math.Max(1, o.PlayCount) }
            : o with { Kind = ObservationKind.WebhookStop })];

    /// <summary>A finished play happening now (Plex scrobble, Tautulli watched): any date the item carries is older.</summary>
    public static IReadOnlyList<Observation> Scrobble(ItemPage page) =>
        [.. page.Items.Select(o => o with { Kind = ObservationKind.WebhookScrobble, Played = true, PlayedAt = null, PlayCount = Math.Max(1, o.PlayCount) })];

    public static IReadOnlyList<Observation> Mark(ItemPage page, bool played, DateTimeOffset? playedAt) =>
        [.. page.Items.Select(o => o with
        {
            Kind = played ? ObservationKind.MarkPlayed : ObservationKind.MarkUnplayed,
            Explicit = true,
            Played = played,
            PlayedAt = played ? playedAt : null,
            ProgressMs = played ? 0 : o.ProgressMs,
        })];

    /// <summary>Why an event about an item produced no observation (unsupported type, or no id/title).</summary>
    public static string WhyEmpty(ItemPage page, string? type) =>
        page.Skipped.Count > 0 ? $"item skipped: {page.Skipped[0].Reason}" : $"only movies and episodes are synced, not '{type ?? "unknown"}'";
}
