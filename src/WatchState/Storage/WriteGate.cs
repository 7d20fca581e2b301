namespace WatchState.Storage;

/// <summary>
/// Lets this process's writers into SQLite's single write lock one at a time, in the order they asked. SQLite's own
/// busy handler polls with growing sleeps and favours whoever retries at the right moment: with a webhook flood, the
/// webhook worker and an import all writing, one writer could lose every poll until its 30 s timeout and fail with
/// "database is locked". Waiting here first means the lock is free, or nearly, when a writer reaches it; writers in
/// other processes (a CLI command beside <c>serve</c>) still meet the busy handler.
/// </summary>
public sealed class WriteGate
{
    private readonly Lock _sync = new();
    private readonly Queue<TaskCompletionSource<Turn>> _waiting = new();
    private bool _held;

    public Task<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                return Task.FromResult(new Turn(this));
            }

            var waiter = new TaskCompletionSource<Turn>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
            return WaitAsync(waiter, cancellationToken);
        }
    }

    private static async Task<Turn> WaitAsync(TaskCompletionSource<Turn> waiter, CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            return await waiter.Task;
        }
    }

    private void Release()
    {
        lock (_sync)
        {
            // A waiter that gave up (cancelled) refuses the turn; the next in line gets it.
            while (_waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult(new Turn(this)))
                {
                    return;
                }
            }

            _held = false;
        }
    }

    /// <summary>Holds the gate until disposed; disposing twice releases once.</summary>
    public sealed class Turn : IDisposable
    {
        private WriteGate? _gate;

        internal Turn(WriteGate gate) => _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
