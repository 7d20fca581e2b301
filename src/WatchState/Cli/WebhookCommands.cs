using System.CommandLine;

namespace WatchState.Cli;

/// <summary><c>backend:webhook NAME</c>: the webhook URL for one backend, and what to set on that server.</summary>
internal static class WebhookCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Show(cli)];

    private static Command Show(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "Name of the backend (see backend:list)" };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "How that server reaches watchstate, e.g. http://192.168.1.5:8080 (default: from WS_LISTEN)",
            HelpName = "URL",
        };
        var register = new Option<bool>("--register")
        {
            Description = "Also put the URL into the server's settings (plex.tv account webhooks, Jellyfin Webhook plugin, Emby notifications)",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --register: say what would change on the server, change nothing" };
        var command = new Command("backend:webhook", "Show the webhook URL for a backend and the settings to choose on that server")
        {
            name, baseUrl, register, dryRun,
        };
        cli.SetAction<BackendWebhookHandler>(command, (handler, parse, ct) =>
            handler.RunAsync(parse.GetRequiredValue(name), parse.GetValue(baseUrl), new WebhookRegisterMode(parse.GetValue(register), parse.GetValue(dryRun)), ct));
        return command;
    }
}
