using System.Diagnostics;

namespace WatchState.Benchmarks;

/// <summary>The simulator in a child process, so its library does not count in this process's memory.</summary>
internal sealed class ChildSimulator : IAsyncDisposable
{
    private readonly Process _process;

    private ChildSimulator(Process process, Uri baseUrl, string apiKey, string userId)
    {
        _process = process;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        UserId = userId;
    }

    public Uri BaseUrl { get; }
    public string ApiKey { get; }
    public string UserId { get; }

    public static Task<ChildSimulator> StartAsync(int items, bool plex, CancellationToken cancellationToken) =>
        StartAsync(items, plex ? "plex" : "jellyfin", changed: 0, cancellationToken);

    /// <param name="backend">jellyfin, emby or plex.</param>
    /// <param name="changed">Movies whose play state this server shows differently (see <see cref="SimulatorHost"/>).</param>
    public static async Task<ChildSimulator> StartAsync(int items, string backend, int changed, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildSimulator).Assembly.Location);
        }

        foreach (var arg in new[] { "sim", "--items", items.ToString(System.Globalization.CultureInfo.InvariantCulture), "--backend", backend, "--changed", changed.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("the simulator process exited before it started");
        var parts = line.Split(' ');
        return new ChildSimulator(process, new Uri(parts[0]), parts[1], parts[2]);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
