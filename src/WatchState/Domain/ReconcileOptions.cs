namespace WatchState.Domain;

/// <summary>Per-backend switches that change what the <see cref="Reconciler"/> accepts from it.</summary>
public sealed record ReconcileOptions
{
    /// <summary>False for a "metadata only" backend: it may be matched against, but never changes state.</summary>
    public bool ImportEnabled { get; init; } = true;

    /// <summary>False when the backend cannot be trusted with resume points (e.g. Jellyfin before 10.9).</summary>
    public bool ProgressEnabled { get; init; } = true;

    /// <summary>Treat "played without a date" as played now (<c>WS_CLIENTS_JELLYFIN_FIX_PLAYED</c>).</summary>
    public bool FixPlayedWithoutDate { get; init; }

    /// <summary>Resume positions below this are noise (a few seconds of an accidental start).</summary>
    public long MinProgressMs { get; init; } = 60_000;
}
