using System.CommandLine;

namespace WatchState.Cli;

/// <summary><c>system:tasks</c>: the scheduled tasks, when they run next, how they last ended; <c>--run</c> runs one now.</summary>
internal static class TaskCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Tasks(cli)];

    private static Command Tasks(CliContext cli)
    {
        var run = new Option<string?>("--run") { Description = "Run this task now (import, prune, …) and wait for it", HelpName = "TASK" };
        var output = CliContext.OutputOption();
        var command = new Command("system:tasks", "List the scheduled tasks (WS_CRON_<TASK>, WS_CRON_<TASK>_AT), or run one now")
        {
            run, output,
        };
        cli.SetAction<TaskHandler>(command, (handler, parse, ct) =>
            parse.GetValue(run) is { } task ? handler.RunNowAsync(task, ct) : handler.ListAsync(parse.GetValue(output), ct));
        return command;
    }
}
