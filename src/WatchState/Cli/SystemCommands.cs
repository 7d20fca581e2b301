using System.CommandLine;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary><c>system:apikey</c>: the key webhook URLs and API calls carry as <c>?apikey=</c>.</summary>
internal static class SystemCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [ApiKey(cli)];

    private static Command ApiKey(CliContext cli)
    {
        var command = new Command("system:apikey", "Show the API key (created on first use) that webhook URLs carry as ?apikey=");
        cli.SetAction<ApiKeyHandler>(command, async (handler, _, ct) =>
        {
            handler.Output.Line(await handler.Store.GetOrCreateAsync(ct));
            return CliContext.Ok;
        });
        return command;
    }
}

internal sealed record ApiKeyHandler(ApiKeyStore Store, CliOutput Output);
