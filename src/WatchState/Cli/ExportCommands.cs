using System.CommandLine;

namespace WatchState.Cli;

/// <summary><c>state:export</c>, <c>state:sync</c> and <c>outbox:list</c>: push local state to the backends.</summary>
internal static class ExportCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Export(cli), Sync(cli), OutboxList(cli)];

    private static Option<string[]> Select(string what) => new("--select-backend", "-s")
    {
        Description = $"{what} only this backend (repeat for several); default: every backend",
        HelpName = "NAME",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Command Export(CliContext cli)
    {
        var select = Select("Export to");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan, write nothing" };
        var forceFull = new Option<bool>("--force-full") { Description = "Compare every item, not only those changed since the last complete export" };
        var output = CliContext.OutputOption();
        var command = new Command("state:export", "Push an identity's local play state to its backends where they differ (plan first, then write through the outbox)")
        {
            select, dryRun, forceFull, output,
        };
        var identity = IdentityOptions.AddTo(command);
        cli.SetAction<ExportHandler>(command, (handler, parse, ct) => handler.RunAsync(
            identity.Scope(parse),
            new ExportOptions(parse.GetValue(select) ?? [], parse.GetValue(dryRun), parse.GetValue(forceFull), parse.GetValue(output)),
            ct));
        return command;
    }

    private static Command Sync(CliContext cli)
    {
        var select = Select("Sync");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what the import would change and what export would write; keep and write nothing" };
        var forceFull = new Option<bool>("--force-full") { Description = "Read and compare every item" };
        var command = new Command("state:sync", "Import from the backends, then export the differences, per identity (-u, --all): the everyday command")
        {
            select, dryRun, forceFull,
        };
        var identity = IdentityOptions.AddTo(command);
        cli.SetAction<SyncHandler>(command, (handler, parse, ct) => handler.RunAsync(
            identity.Scope(parse),
            new ExportOptions(parse.GetValue(select) ?? [], parse.GetValue(dryRun), parse.GetValue(forceFull), OutputFormat.Table),
            ct));
        return command;
    }

    private static Command OutboxList(CliContext cli)
    {
        var failed = new Option<bool>("--failed") { Description = "Only writes that failed for good" };
        var output = CliContext.OutputOption();
        var command = new Command("outbox:list", "List writes waiting to be sent or that failed, with the reasons") { failed, output };
        var identity = IdentityOptions.AddTo(command);
        cli.SetAction<OutboxListHandler>(command, (handler, parse, ct) => handler.RunAsync(identity.Scope(parse), parse.GetValue(failed), parse.GetValue(output), ct));
        return command;
    }
}

internal sealed record ExportOptions(IReadOnlyList<string> Backends, bool DryRun, bool ForceFull, OutputFormat Output);
