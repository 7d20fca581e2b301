using WatchState.Backends;
using WatchState.Domain;

namespace WatchState.Webhooks;

/// <summary>What a webhook says: who sent it, about whom, and the observations it carries.</summary>
/// <param name="Source">The sender's kind: <c>plex</c>, <c>tautulli</c>, <c>jellyfin</c> or <c>emby</c>.</param>
/// <param name="Event">The sender's event name (<c>media.scrobble</c>, <c>UserDataSaved/TogglePlayed</c>, …).</param>
/// <param name="ServerType">The kind of backend the event is about (Tautulli speaks for Plex).</param>
/// <param name="ServerId">The sending server's unique id, matched against a backend's <c>uuid</c>.</param>
/// <param name="UserId">The user who acted, on that server; null when the event names none.</param>
/// <param name="Observations">
/// What the event says about items; <see cref="Observation.Backend"/> is empty until the event is routed.
/// </param>
/// <param name="Note">Why the event carries nothing to apply (a test event, a new item, an unsupported type); null otherwise.</param>
public sealed record ParsedWebhook(
    string Source,
    string Event,
    BackendType ServerType,
    string? ServerId,
    string? UserId,
    IReadOnlyList<Observation> Observations,
    string? Note = null)
{
    /// <summary>An event that is understood but changes nothing, with why.</summary>
    public static ParsedWebhook Nothing(string source, string name, BackendType type, string? serverId, string? userId, string note) =>
        new(source, name, type, serverId, userId, [], note);
}
