namespace WatchState.Export;

/// <summary>How draining one backend's outbox went.</summary>
/// <param name="Error">Why the backend could not be written at all this run (down, token refused); null otherwise.</param>
public sealed record DrainResult(string Backend, int Done, int Pending, int Failed, int Dropped, string? Error)
{
    /// <summary>Every write of this run went through.</summary>
    public bool Complete => Error is null && Pending == 0 && Failed == 0;

    public static DrainResult Empty(string backend) => new(backend, 0, 0, 0, 0, null);
}
