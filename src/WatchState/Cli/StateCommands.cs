using System.CommandLine;

namespace WatchState.Cli;

/// <summary><c>state:import</c>: pull play state from an identity's backends into its local state.</summary>
internal static class StateCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Import(cli), BackupCommand.Create(cli)];

    private static Command Import(CliContext cli)
    {
        var select = new Option<string[]>("--select-backend", "-s")
        {
            Description = "Import only this backend (repeat for several); default: every backend",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change, keep nothing" };
        var forceFull = new Option<bool>("--force-full")
        {
            Description = "Read every item instead of only what changed since the last import (otherwise due per WS_CRON_IMPORT_FULL_AT)",
        };
        var metadataOnly = new Option<bool>("--metadata-only")
        {
            Description = "Record which remote item is which local item, change no play state",
        };
        var command = new Command("state:import", "Import play state from the backends into the local database, as one identity (-u) or every one (--all)")
        {
            select, dryRun, forceFull, metadataOnly,
        };
        var identity = IdentityOptions.AddTo(command);
        cli.SetAction<ImportHandler>(command, (handler, parse, ct) => handler.RunAsync(
            identity.Scope(parse),
            new ImportOptions(parse.GetValue(select) ?? [], parse.GetValue(dryRun), parse.GetValue(forceFull), parse.GetValue(metadataOnly)),
            ct));
        return command;
    }
}

internal sealed record ImportOptions(IReadOnlyList<string> Backends, bool DryRun, bool ForceFull, bool MetadataOnly);
