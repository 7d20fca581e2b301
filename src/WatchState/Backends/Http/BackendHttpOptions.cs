namespace WatchState.Backends.Http;

/// <summary>How backend HTTP calls retry, shared by every backend (the per-attempt timeout is per backend).</summary>
public sealed class BackendHttpOptions
{
    /// <summary>The most retries the product allows after a first failed attempt.</summary>
    public const int RetryLimit = 3;

    /// <summary>Retries after a transient failure (429, 5xx, timeout, connection error); capped at <see cref="RetryLimit"/>.</summary>
    public int MaxRetries { get; set; } = RetryLimit;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>No single wait is longer than this, whatever a <c>Retry-After</c> header asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);
}
