using System.Diagnostics;

namespace WatchState.Tests.Webhooks;

/// <summary>
/// The real product, <c>watchstate serve</c>, as a separate process over a data directory: the build copies it
/// beside the test assembly (the project reference), so this works on a clean clone after <c>dotnet test</c>.
/// </summary>
internal sealed class ProductProcess : IAsyncDisposable
{
    private const string ListeningLine = "watchstate is listening on ";
    private readonly Process _process;
    private readonly Task _drain;

    private ProductProcess(Process process, Uri address, Task drain)
    {
        _process = process;
        Address = address;
        _drain = drain;
    }

    public Uri Address { get; }

    public static async Task<ProductProcess> StartAsync(string dataRoot, CancellationToken cancellationToken)
    {
        var start = StartInfo(dataRoot, "serve");
        start.Environment["WS_LISTEN"] = "http://127.0.0.1:0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("watchstate did not start");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(ListeningLine, StringComparison.Ordinal))
                {
                    var address = line[ListeningLine.Length..].Split(' ')[0];

                    // Keep reading so a full pipe never blocks the server.
                    var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(CancellationToken.None), errors);
                    return new ProductProcess(process, new Uri(address), drain);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
        throw new InvalidOperationException($"watchstate serve did not report its address; stderr: {await errors}");
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

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            await _drain;
        }
        catch (IOException)
        {
        }

        _process.Dispose();
    }

    /// <summary>
    /// <c>watchstate ARGS</c> over <paramref name="dataRoot"/> with its output redirected and no WS_* variable
    /// but WS_DATA_PATH: a variable of the machine running the tests must not leak in.
    /// </summary>
    internal static ProcessStartInfo StartInfo(string dataRoot, params string[] args)
    {
        var start = HostStartInfo();
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("WS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["WS_DATA_PATH"] = dataRoot;
        return start;
    }

    private static ProcessStartInfo HostStartInfo()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "watchstate.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("the product is not beside the tests (build the solution first)", dll);
        }

        // The muxer that runs these tests runs the product too, whatever the machine's PATH or DOTNET_ROOT say.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
        {
            host = FindOnPath(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet") ?? "dotnet";
        }

        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(dll);
        return start;
    }

    private static string? FindOnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, file))
            .FirstOrDefault(File.Exists);
}
