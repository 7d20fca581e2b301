namespace WatchState.Storage;

/// <summary>
/// A database value read again at most every <c>lifetime</c>: cheap enough to ask on every request, and a change
/// made by another process (a CLI command against the same data directory) is seen within that time.
/// </summary>
public sealed class ShortLivedCache<T>(Func<CancellationToken, Task<T>> load, TimeSpan lifetime, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (T Value, DateTimeOffset ReadAt)? _cached;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh.Value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again)
            {
                return again.Value;
            }

            var value = await load(cancellationToken);
            Set(value);
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>This process changed the value itself: use it at once.</summary>
    public void Set(T value) => _cached = (value, clock.GetUtcNow());

    public void Dispose() => _gate.Dispose();

    private (T Value, DateTimeOffset ReadAt)? Fresh() =>
        _cached is { } cached && clock.GetUtcNow() - cached.ReadAt < lifetime ? cached : null;
}
