using System.CommandLine;

namespace WatchState.Cli;

/// <summary><c>config:test</c>: prove that every configured backend works.</summary>
internal static class ConfigCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Test(cli)];

    private static Command Test(CliContext cli)
    {
        var output = CliContext.OutputOption();
        var command = new Command("config:test", "Check every backend: connection, version, user and libraries") { output };
        cli.SetAction<ConfigTestHandler>(command, (handler, parse, ct) => handler.RunAsync(parse.GetValue(output), ct));
        return command;
    }
}
