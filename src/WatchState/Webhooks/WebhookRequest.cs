namespace WatchState.Webhooks;

/// <summary>A webhook request as received and as stored in the inbox: enough to parse it again at any time.</summary>
/// <param name="ContentType">The request's <c>Content-Type</c>, or empty.</param>
/// <param name="UserAgent">The request's <c>User-Agent</c>, or null; Plex, Tautulli and Jellyfin name themselves here.</param>
/// <param name="Body">The body bytes exactly as sent.</param>
public sealed record WebhookRequest(string ContentType, string? UserAgent, ReadOnlyMemory<byte> Body);
