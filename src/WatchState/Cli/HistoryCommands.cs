using System.CommandLine;
using WatchState.Domain;

namespace WatchState.Cli;

/// <summary><c>history:list</c>, <c>history:show</c>, <c>history:watch</c> and <c>history:unwatch</c>: what is watched, where, why; and marking from our side.</summary>
internal static class HistoryCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [List(cli), Show(cli), Mark(cli, watched: true), Mark(cli, watched: false)];

    private static Command List(CliContext cli)
    {
        var watched = new Option<bool>("--watched") { Description = "Only watched items" };
        var unwatched = new Option<bool>("--unwatched") { Description = "Only unwatched items" };
        var type = new Option<string?>("--type") { Description = "Only movies or only episodes", HelpName = "movie|episode" };
        type.AcceptOnlyFromAmong("movie", "episode");
        var title = new Option<string?>("--title") { Description = "Only items whose title or show title contains TEXT", HelpName = "TEXT" };
        var limit = new Option<int>("--limit")
        {
            Description = "At most this many items, most recently changed first (0 for all)",
            DefaultValueFactory = _ => 100,
        };
        var output = CliContext.OutputOption();
        var command = new Command("history:list", "List an identity's local items with their play state and the backends that have them")
        {
            watched, unwatched, type, title, limit, output,
        };
        var identity = IdentityOptions.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(watched) && result.GetValue(unwatched))
            {
                result.AddError("--watched and --unwatched exclude each other");
            }

            if (result.GetValue(limit) < 0)
            {
                result.AddError("--limit must be 0 or more");
            }
        });
        cli.SetAction<HistoryListHandler>(command, (handler, parse, ct) => handler.RunAsync(
            identity.Scope(parse),
            new HistoryListOptions(
                parse.GetValue(watched) ? true : parse.GetValue(unwatched) ? false : null,
                parse.GetValue(type) switch { "movie" => MediaType.Movie, "episode" => MediaType.Episode, _ => null },
                parse.GetValue(title),
                parse.GetValue(limit),
                parse.GetValue(output)),
            ct));
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<long>("id") { Description = "Local item id (see history:list)" };
        var output = CliContext.OutputOption();
        var command = new Command("history:show", "Show one item: its ids, each backend's view, and every decision with its reason")
        {
            id, output,
        };
        var identity = IdentityOptions.AddSingleTo(command);
        cli.SetAction<HistoryShowHandler>(command, (handler, parse, ct) => handler.RunAsync(
            identity.Scope(parse).Identity, parse.GetRequiredValue(id), parse.GetValue(output), ct));
        return command;
    }

    private static Command Mark(CliContext cli, bool watched)
    {
        var id = new Argument<long>("id") { Description = "Local item id (see history:list)" };
        var output = CliContext.OutputOption();
        var command = watched
            ? new Command("history:watch", "Mark an item watched from our side and push it to every backend") { id, output }
            : new Command("history:unwatch", "Mark an item unwatched from our side and push it to every backend") { id, output };
        var identity = IdentityOptions.AddSingleTo(command);
        cli.SetAction<WatchHandler>(command, (handler, parse, ct) => handler.RunAsync(
            identity.Scope(parse).Identity, parse.GetRequiredValue(id), watched, parse.GetValue(output), ct));
        return command;
    }
}

internal sealed record HistoryListOptions(bool? Watched, MediaType? Type, string? Title, int Limit, OutputFormat Output);
