using System.CommandLine;
using System.Globalization;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary><c>state:snapshot</c> and <c>state:rollback</c>: copies of the local database, and going back to one.</summary>
internal static class SnapshotCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Snapshot(cli), Rollback(cli)];

    private static Command Snapshot(CliContext cli)
    {
        var command = new Command(
            "state:snapshot",
            $"Copy the local database to data/db/snapshots (consistent even while the server runs; the newest {DatabaseSnapshots.Keep} are kept)");
        cli.SetAction<SnapshotHandler>(command, (handler, _, ct) => handler.SnapshotAsync(ct));
        return command;
    }

    private static Command Rollback(CliContext cli)
    {
        var name = new Argument<string?>("NAME") { Description = "The snapshot to go back to (see --list); default: the newest", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list", "-l") { Description = "List the snapshots, newest first, and change nothing" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say which snapshot would be restored, change nothing" };
        var command = new Command(
            "state:rollback",
            "Bring the local database back to a snapshot (the current state is snapshotted first). Media servers are not changed.")
        {
            name, list, dryRun,
        };
        cli.SetAction<SnapshotHandler>(command, (handler, parse, ct) => parse.GetValue(list)
            ? Task.FromResult(handler.List())
            : handler.RollbackAsync(parse.GetValue(name), parse.GetValue(dryRun), ct));
        return command;
    }
}

internal sealed class SnapshotHandler(DatabaseSnapshots snapshots, CliOutput output)
{
    public async Task<int> SnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.CreateAsync("manual", cancellationToken);
        output.Success($"Snapshot {snapshot.Name} written ({Size(snapshot.Bytes)}); go back to it with state:rollback {snapshot.Name}");
        return CliContext.Ok;
    }

    public int List()
    {
        var all = snapshots.List();
        if (all.Count == 0)
        {
            output.Line("No snapshots yet: state:snapshot makes one, and --force-full imports and exports make one first.");
            return CliContext.Ok;
        }

        var table = new CliTable("name", "written (UTC)", "size");
        foreach (var snapshot in all)
        {
            table.Add(snapshot.Name, snapshot.WrittenAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Size(snapshot.Bytes));
        }

        output.Table(table);
        return CliContext.Ok;
    }

    public async Task<int> RollbackAsync(string? name, bool dryRun, CancellationToken cancellationToken)
    {
        var snapshot = snapshots.Find(name);
        if (snapshot is null)
        {
            output.Error(name is null
                ? "There is no snapshot to roll back to (state:snapshot makes one)."
                : $"No snapshot '{name}'; state:rollback --list shows them.");
            return CliContext.Failed;
        }

        if (dryRun)
        {
            output.Line($"Dry run: would restore {snapshot.Name} (written {snapshot.WrittenAt:u}); nothing changed.");
            return CliContext.Ok;
        }

        var before = await snapshots.RollbackAsync(snapshot, cancellationToken);
        output.Success($"Restored {snapshot.Name}. The state before the rollback is in {before.Name}.");
        output.Line("Only the local database went back; run state:export to make the media servers match it.");
        return CliContext.Ok;
    }

    private static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB");
}
