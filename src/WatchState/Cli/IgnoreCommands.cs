using System.CommandLine;

namespace WatchState.Cli;

/// <summary>
/// <c>ignore:add</c>, <c>ignore:list</c>, <c>ignore:remove</c>: external ids a backend reports wrongly
/// (<c>config/ignore.yaml</c>, WatchState's format) and libraries import skips (<c>options.IGNORE</c>).
/// </summary>
internal static class IgnoreCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Add(cli), List(cli), Remove(cli)];

    private static Command Add(CliContext cli) => Change(cli, "ignore:add", add: true,
        "Ignore an external id a backend reports (TYPE://SOURCE:ID@BACKEND[?id=ITEM], e.g. movie://imdb:tt0133093@my_plex); with --item and -s, leave one item (or a show's episodes) out of sync; with --library and -s, skip a whole library");

    private static Command Remove(CliContext cli) => Change(cli, "ignore:remove", add: false,
        "Stop ignoring an external id or item (the rule as listed by ignore:list), or with --item or --library and -s, an item or a library");

    private static Command Change(CliContext cli, string name, bool add, string description)
    {
        var rule = new Argument<string?>("RULE") { Description = "TYPE://SOURCE:ID@BACKEND[?id=ITEM] or item://BACKEND?id=ITEM", Arity = ArgumentArity.ZeroOrOne };
        var library = new Option<string?>("--library") { Description = "A library's id or name (with -s)", HelpName = "LIBRARY" };
        var item = new Option<string?>("--item")
        {
            Description = "An item's id on that backend (with -s; history:show lists it): a movie, an episode, or a show with all its episodes",
            HelpName = "ITEM",
        };
        var backend = new Option<string?>("--select-backend", "-s") { Description = "The backend of --library or --item", HelpName = "NAME" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would change, write nothing" };
        var command = new Command(name, description) { rule, library, item, backend, dryRun };
        cli.SetAction<IgnoreHandler>(command, (handler, parse, ct) => handler.ChangeAsync(
            add, parse.GetValue(rule), parse.GetValue(library), parse.GetValue(item), parse.GetValue(backend), parse.GetValue(dryRun), ct));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var output = CliContext.OutputOption();
        var command = new Command("ignore:list", "List the ignored external ids, items and libraries") { output };
        cli.SetAction<IgnoreHandler>(command, (handler, parse, ct) => handler.ListAsync(parse.GetValue(output), ct));
        return command;
    }
}
