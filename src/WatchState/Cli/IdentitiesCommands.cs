using System.CommandLine;

namespace WatchState.Cli;

/// <summary><c>identities:match</c>: which users of the backends are the same person, and why.</summary>
internal static class IdentitiesCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Match(cli)];

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
}
