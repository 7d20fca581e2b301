using WatchState.Storage;

namespace WatchState.Cli;

/// <summary>
/// The snapshot a <c>--force-full</c> import or export takes before it starts, so <c>state:rollback</c> can undo a
/// full run that went wrong. One per command: <c>state:sync --all</c> snapshots once, not per identity and step.
/// </summary>
internal sealed class SafetySnapshot(DatabaseSnapshots snapshots, CliOutput output)
{
    private bool _taken;

    public async Task TakeOnceAsync(string reason, CancellationToken cancellationToken)
    {
        if (_taken)
        {
            return;
        }

        var snapshot = await snapshots.CreateAsync(reason, cancellationToken);
        _taken = true;
        output.Note($"Safety snapshot {snapshot.Name} written (state:rollback brings it back).");
    }
}
