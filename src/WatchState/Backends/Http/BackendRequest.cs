namespace WatchState.Backends.Http;

/// <summary>
/// Per-request settings that the shared HTTP pipeline reads, so one named client serves every configured backend.
/// </summary>
internal static class BackendRequest
{
    /// <summary>The backend's token; only the auth handler reads it, and it never reaches a log.</summary>
    public static readonly HttpRequestOptionsKey<string> Token = new("WatchState.Backend.Token");

    /// <summary>The backend's <c>client.timeout</c>, applied to each attempt.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> AttemptTimeout = new("WatchState.Backend.AttemptTimeout");

    /// <summary>The backend's name, for logs.</summary>
    public static readonly HttpRequestOptionsKey<string> Backend = new("WatchState.Backend.Name");

    /// <summary>
    /// False on writes: one may have landed before its failure was seen (a Plex scrobble adds a play), so only the
    /// outbox retries a write, after checking the remote state again.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Retry = new("WatchState.Backend.Retry");

    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);
}
