using System.CommandLine;

namespace WatchState.Cli;

/// <summary>
/// <c>identities:match</c>, <c>identities:provision</c>, <c>identities:list</c>, <c>identities:remove</c>: which users of
/// the backends are the same person, and one servers file per person under <c>config/users</c>.
/// </summary>
internal static class IdentitiesCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Match(cli), Provision(cli), List(cli), Remove(cli)];

    private static Command Match(CliContext cli)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Accepted for symmetry: this command never writes anything" };
        var output = CliContext.OutputOption();
        var command = new Command(
            "identities:match",
            "Propose identities across backends (config/mapper.yaml, then same name, then same e-mail) and list the users left out")
        {
            dryRun, output,
        };
        cli.SetAction<IdentitiesMatchHandler>(command, (handler, parse, ct) => handler.RunAsync(parse.GetValue(dryRun), parse.GetValue(output), ct));
        return command;
    }

    private static Command Provision(CliContext cli)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be written; request no token and write nothing" };
        var pins = new Option<string[]>("--pin")
        {
            Description = "PIN of a protected Plex Home profile, as BACKEND:USER=PIN (user name or id; repeat for several)",
            HelpName = "BACKEND:USER=PIN",
            AllowMultipleArgumentsPerToken = false,
        };
        pins.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!IdentitiesProvisionHandler.TryParsePin(token.Value, out _, out _))
                {
                    result.AddError($"--pin: '{Masked(token.Value)}' is not BACKEND:USER=PIN");
                }
            }
        });
        var output = CliContext.OutputOption();
        var command = new Command(
            "identities:provision",
            "Create or update config/users/NAME/servers.yaml for every proposed identity, with each person's own access on each backend")
        {
            dryRun, pins, output,
        };
        cli.SetAction<IdentitiesProvisionHandler>(command, (handler, parse, ct) => handler.RunAsync(
            parse.GetValue(dryRun), parse.GetValue(pins) ?? [], parse.GetValue(output), ct));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var output = CliContext.OutputOption();
        var command = new Command("identities:list", "List every identity (main first) with its backends, user ids and items in the database")
        {
            output,
        };
        cli.SetAction<IdentitiesListHandler>(command, (handler, parse, ct) => handler.RunAsync(parse.GetValue(output), ct));
        return command;
    }

    private static Command Remove(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "Name of the identity to remove (see identities:list)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be removed; remove nothing" };
        var keepState = new Option<bool>("--keep-state") { Description = "Remove only the servers file; keep the identity's play state in the database" };
        var command = new Command("identities:remove", "Remove an identity: its config/users/NAME folder and its rows in the database")
        {
            name, dryRun, keepState,
        };
        cli.SetAction<IdentitiesRemoveHandler>(command, (handler, parse, ct) => handler.RunAsync(
            parse.GetRequiredValue(name), parse.GetValue(dryRun), parse.GetValue(keepState), ct));
        return command;
    }

    // A malformed value may still hold a PIN; it is not echoed.
    private static string Masked(string value) => value.Contains('=', StringComparison.Ordinal) ? value[..value.LastIndexOf('=')] + "=***" : value;
}
