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

    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);
}
