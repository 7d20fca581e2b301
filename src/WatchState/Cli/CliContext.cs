using System.CommandLine;
using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Cli;

/// <summary>
/// Shared by every command group: the host, the global options, and the way an action runs.
/// <para>
/// The pattern for a new command (see <see cref="BackendCommands"/>): a static class per group whose
/// <c>Create(CliContext)</c> returns the commands; each command declares its options and calls
/// <see cref="SetAction{THandler}"/> with a handler class. The handler gets its services through its
/// constructor and returns the exit code; <see cref="ConfigException"/> and <see cref="BackendException"/>
/// become one red line on stderr and exit code 1.
/// </para>
/// </summary>
internal sealed class CliContext(CliHost host)
{
    public const int Ok = 0;
    public const int Failed = 1;

    /// <summary>Wrong or missing input that the user must supply (e.g. which user to sync).</summary>
    public const int Usage = 2;

    public const int Cancelled = 130;

    public CliHost Host { get; } = host;

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log debug details to stderr",
        Recursive = true,
    };

    /// <summary>The <c>-o table|json</c> option of listing commands; one instance per command.</summary>
    public static Option<OutputFormat> OutputOption() => new("--output", "-o")
    {
        Description = "Output format",
        HelpName = "table|json",

        // No DefaultValueFactory: help would show the enum's "Table"; unset means default(OutputFormat), a table.
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "table";
            switch (text.ToLowerInvariant())
            {
                case "table":
                    return OutputFormat.Table;
                case "json":
                    return OutputFormat.Json;
                default:
                    result.AddError($"--output: '{text}' is not table or json");
                    return OutputFormat.Table;
            }
        },
    };

    /// <summary>Runs <paramref name="run"/> on a handler built from the services, with the common error handling.</summary>
    public void SetAction<THandler>(Command command, Func<THandler, ParseResult, CancellationToken, Task<int>> run)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async (startup, ct) =>
        {
            await using var services = CliServices.Build(startup);
            var handler = ActivatorUtilities.CreateInstance<THandler>(services);
            return await run(handler, parseResult, ct);
        }, cancellationToken));
    }

    /// <summary>Loads the settings, runs <paramref name="body"/> and turns expected failures into one line on stderr.</summary>
    public async Task<int> RunAsync(
        ParseResult parseResult,
        Func<CliStartup, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(body);
        var verbose = parseResult.GetValue(Verbose);
        var output = new CliOutput(Host);
        try
        {
            var startup = await CliStartup.LoadAsync(Host, verbose, cancellationToken);
            return await body(startup, cancellationToken);
        }
        catch (Exception e) when (e is ConfigException or BackendException or Identities.UnknownIdentityException)
        {
            output.Error(e.Message);
            return Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error("cancelled");
            return Cancelled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not a user error: still one line, with the details only when asked for.
            output.Error($"unexpected error: {e.GetType().Name}: {e.Message}{(verbose ? "" : " (run with -v for details)")}");
            if (verbose)
            {
                Host.Error.WriteLine(e.ToString());
            }

            return Failed;
        }
    }
}
