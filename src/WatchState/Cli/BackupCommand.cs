using System.CommandLine;
using WatchState.Backup;

namespace WatchState.Cli;

/// <summary><c>state:backup</c>: write each backend's play state, as last known locally, to a portable file.</summary>
internal static class BackupCommand
{
    public static Command Create(CliContext cli)
    {
        var select = new Option<string[]>("--select-backend", "-s")
        {
            Description = "Back up only this backend (repeat for several); default: every backend",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var noCompress = new Option<bool>("--no-compress", "-N") { Description = "Write plain JSON instead of gzip" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be written, write nothing" };
        var command = new Command(
            "state:backup",
            "Write each backend's play state (as last imported) to data/backup (other identities: data/backup/users/NAME), in WatchState's backup format")
        {
            select, noCompress, dryRun,
        };
        var identity = IdentityOptions.AddTo(command);
        cli.SetAction<BackupHandler>(command, (handler, parse, ct) => handler.RunAsync(
            identity.Scope(parse),
            parse.GetValue(select) ?? [], !parse.GetValue(noCompress), parse.GetValue(dryRun), ct));
        return command;
    }
}

/// <summary>Runs a backup of the selected backends and prints a line per backend.</summary>
internal sealed class BackupHandler(IdentityRunner identities, ExportHandler selection, BackupJob job, CliOutput output)
{
    public Task<int> RunAsync(IdentityScope scope, IReadOnlyList<string> names, bool compress, bool dryRun, CancellationToken cancellationToken) =>
        identities.RunAsync(scope, json: false, identity => RunAsync(identity, names, compress, dryRun, cancellationToken));

    private async Task<int> RunAsync(string identity, IReadOnlyList<string> names, bool compress, bool dryRun, CancellationToken cancellationToken)
    {
        var (code, selected) = await selection.SelectAsync(identity, names, cancellationToken);
        if (code != CliContext.Ok)
        {
            return code;
        }

        BackupOutcome outcome;
        try
        {
            outcome = await job.RunAsync(identity, [.. selected.Select(b => b.Name)], compress, dryRun, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only folder is the user's to fix, not a bug: say so in one line.
            output.Error($"Backup failed, nothing was pruned: {e.Message}");
            return CliContext.Failed;
        }

        foreach (var result in outcome.Results)
        {
            output.Line(job.Describe(result));
        }

        output.Line(dryRun ? "Dry run: nothing was written." : $"{outcome.Pruned} old backup(s) removed.");
        return CliContext.Ok;
    }
}
