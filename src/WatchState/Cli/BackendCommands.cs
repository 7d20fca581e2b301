using System.CommandLine;
using WatchState.Backends;

namespace WatchState.Cli;

/// <summary><c>backend:add</c>, <c>backend:list</c>, <c>backend:remove</c>: manage <c>config/servers.yaml</c>.</summary>
internal static class BackendCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Add(cli), List(cli), Remove(cli), RestoreCommand.Create(cli)];

    private static Command Add(CliContext cli)
    {
        var name = new Option<string>("--name", "-n")
        {
            Description = "Name of the backend in servers.yaml (lower-case letters, digits and _)",
            Required = true,
        };
        var type = new Option<string>("--type", "-t") { Description = "Kind of server", Required = true };
        type.AcceptOnlyFromAmong("plex", "jellyfin", "emby");
        var url = new Option<string>("--url", "-u")
        {
            Description = "Server URL, e.g. http://192.168.1.10:8096 (Jellyfin/Emby) or http://192.168.1.10:32400 (Plex)",
            Required = true,
        };
        var token = new Option<string>("--token") { Description = "API key (Jellyfin/Emby) or X-Plex-Token (Plex; the owner's to list users)", Required = true };
        var user = new Option<string?>("--user") { Description = "Id of the user whose play state is synced (asked or detected when omitted)" };
        var pin = new Option<string?>("--pin") { Description = "Plex: PIN of the chosen Plex Home profile, when it has one" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check everything but do not write servers.yaml" };

        var command = new Command("backend:add", "Add a Plex, Jellyfin or Emby server after checking that it answers")
        {
            name, type, url, token, user, pin, dryRun,
        };
        cli.SetAction<BackendAddHandler>(command, (handler, parse, ct) => handler.RunAsync(
            new BackendAddRequest(
                parse.GetRequiredValue(name),
                parse.GetRequiredValue(type) switch
                {
                    "plex" => BackendType.Plex,
                    "emby" => BackendType.Emby,
                    _ => BackendType.Jellyfin,
                },
                parse.GetRequiredValue(url),
                parse.GetRequiredValue(token),
                parse.GetValue(user),
                parse.GetValue(dryRun))
            { Pin = parse.GetValue(pin) },
            ct));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var output = CliContext.OutputOption();
        var command = new Command("backend:list", "List the configured backends (tokens are never shown)") { output };
        cli.SetAction<BackendListHandler>(command, (handler, parse, ct) => handler.RunAsync(parse.GetValue(output), ct));
        return command;
    }

    private static Command Remove(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "Name of the backend to remove" };
        var command = new Command("backend:remove", "Remove a backend from servers.yaml") { name };
        cli.SetAction<BackendRemoveHandler>(command, (handler, parse, ct) => handler.RunAsync(parse.GetRequiredValue(name), ct));
        return command;
    }
}
