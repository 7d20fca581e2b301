using System.Diagnostics;
using WatchState.Tests.Webhooks;

namespace WatchState.Tests.Crash;

/// <summary>One <c>watchstate</c> command (state:import, state:export, …) as a separate process over a data directory.</summary>
internal sealed class ProductCommand : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly Task<string> _error;

    private ProductCommand(Process process)
    {
        _process = process;

        // Read both pipes from the start so a full pipe never blocks the command.
        _out = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _error = process.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    public bool HasExited => _process.HasExited;

    public static ProductCommand Start(string dataRoot, params string[] args) =>
        new(Process.Start(ProductProcess.StartInfo(dataRoot, args)) ?? throw new InvalidOperationException("watchstate did not start"));

    /// <summary>Runs a command to its end and fails the test with its output unless it exits 0.</summary>
    public static async Task<string> RunAsync(string dataRoot, params string[] args)
    {
        await using var command = Start(dataRoot, args);
        var (exitCode, output) = await command.WaitAsync();
        Assert.True(exitCode == 0, $"{string.Join(' ', args)}: exit {exitCode}\n{output}");
        return output;
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, whatever was in flight is cut.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async Task<(int ExitCode, string Output)> WaitAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // Generous: a loaded machine may be slow, a hung command must still fail the test.
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw;
        }

        return (_process.ExitCode, $"--- stdout\n{await _out}\n--- stderr\n{await _error}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            await Task.WhenAll(_out, _error);
        }
        catch (IOException)
        {
        }

        _process.Dispose();
    }
}
