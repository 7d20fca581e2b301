using WatchState.Cli;
using WatchState.Tests.Configuration;

namespace WatchState.Tests.Cli;

/// <summary>Runs the real command line in-process against a temp WS_DATA_PATH and captures what it prints.</summary>
internal sealed class CliRunner : IDisposable
{
    public TempDataDirectory Data { get; } = new();

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines a user would type at the prompt; setting it makes the run interactive.</summary>
    public string? Input { get; set; }

    public bool Terminal { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string>(Environment) { ["WS_DATA_PATH"] = Data.Root };
        var host = new CliHost
        {
            Environment = environment,
            CurrentDirectory = Data.Root,
            In = new StringReader(Input ?? ""),
            Out = output,
            Error = error,
            OutIsTerminal = Terminal,
            IsInteractive = Input is not null,
        };
        var exitCode = await WatchStateCli.RunAsync(args, host, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Data.Dispose();
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
