using System.CommandLine;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary>
/// <c>system:apikey</c>: the key webhook URLs and API calls carry as <c>?apikey=</c>; <c>system:admin</c>: create
/// the admin or reset its password.
/// </summary>
internal static class SystemCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [ApiKey(cli), Admin(cli), HealthCheckCommand.Create(cli)];

    private static Command Admin(CliContext cli)
    {
        var user = new Option<string>("--user") { Description = "The admin's user name", Required = true, HelpName = "NAME" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of stdin instead of asking (for scripts)",
        };
        var command = new Command("system:admin", "Create the admin that logs in to the web UI and API, or reset its name and password")
        {
            user, passwordStdin,
        };
        cli.SetAction<AdminHandler>(command, (handler, parse, ct) => handler.RunAsync(parse.GetValue(user)!, parse.GetValue(passwordStdin), ct));
        return command;
    }

    private static Command ApiKey(CliContext cli)
    {
        var rotate = new Option<bool>("--rotate")
        {
            Description = "Replace the key with a new one; every webhook URL and script must then use the new key",
        };
        var command = new Command("system:apikey", "Show the API key (created on first use) that webhook URLs carry as ?apikey=") { rotate };
        cli.SetAction<ApiKeyHandler>(command, async (handler, parseResult, ct) =>
        {
            if (parseResult.GetValue(rotate))
            {
                handler.Output.Line(await handler.Store.RotateAsync(ct));
                handler.Output.Warning("API key rotated: the old key stops working within seconds; update every webhook URL (see: watchstate backend:webhook NAME)");
                return CliContext.Ok;
            }

            handler.Output.Line(await handler.Store.GetOrCreateAsync(ct));
            return CliContext.Ok;
        });
        return command;
    }
}

internal sealed record ApiKeyHandler(ApiKeyStore Store, CliOutput Output);
