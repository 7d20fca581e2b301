using System.CommandLine;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary><c>events:list</c>, <c>events:show</c>, <c>events:replay</c>: the webhook inbox, what each event said and what became of it.</summary>
internal static class EventsCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [List(cli), Show(cli), Replay(cli)];

    private static Command List(CliContext cli)
    {
        var status = new Option<string?>("--status") { Description = "Only events with this status", HelpName = "pending|applied|ignored|failed" };
        status.AcceptOnlyFromAmong(InboxStatus.Pending, InboxStatus.Applied, InboxStatus.Ignored, InboxStatus.Failed);
        var limit = new Option<int>("--limit") { Description = "At most this many events, newest first (0 for all)", DefaultValueFactory = _ => 50 };
        var output = CliContext.OutputOption();
        var command = new Command("events:list", "List received webhooks, newest first, with their outcome") { status, limit, output };
        cli.SetAction<EventsListHandler>(command, (handler, parse, ct) =>
            handler.RunAsync(parse.GetValue(status), parse.GetValue(limit), parse.GetValue(output), ct));
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<long>("id") { Description = "Event id (see events:list)" };
        var command = new Command("events:show", "Show one received webhook: its body, what it says, and its outcome with the reason") { id };
        cli.SetAction<EventsShowHandler>(command, (handler, parse, ct) => handler.RunAsync(parse.GetRequiredValue(id), ct));
        return command;
    }

    private static Command Replay(CliContext cli)
    {
        var id = new Argument<long>("id") { Description = "Event id (see events:list)" };
        var command = new Command("events:replay", "Queue a received webhook again and apply it now") { id };
        cli.SetAction<EventsReplayHandler>(command, (handler, parse, ct) => handler.RunAsync(parse.GetRequiredValue(id), ct));
        return command;
    }
}
