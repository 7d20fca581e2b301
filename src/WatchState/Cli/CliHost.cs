using System.Collections;

namespace WatchState.Cli;

/// <summary>
/// What the CLI gets from the process: arguments aside, the environment, the current directory and the
/// standard streams. Tests build one with string writers and a temp <c>WS_DATA_PATH</c> to run commands in-process.
/// </summary>
public sealed record CliHost
{
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string CurrentDirectory { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Stdout is a terminal: tables and colours through Spectre.Console; otherwise plain text.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Stderr is a terminal: errors in red.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Someone can answer a question (stdin and stdout are terminals).</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Turn Ctrl+C / SIGTERM into cancellation; off in tests, which share one process.</summary>
    public bool HandlesTermination { get; init; }

    public static CliHost FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? "";
        }

        return new CliHost
        {
            Environment = environment,
            CurrentDirectory = Directory.GetCurrentDirectory(),
            In = Console.In,
            Out = Console.Out,
            Error = Console.Error,
            OutIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            IsInteractive = !Console.IsInputRedirected && !Console.IsOutputRedirected,
            HandlesTermination = true,
        };
    }
}
