using System.Security.Cryptography;
using WatchState.Auth;
using WatchState.Cli;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Demo;

/// <summary>How <c>watchstate demo</c> starts.</summary>
internal sealed record DemoOptions
{
    public const int DefaultPort = 8080;

    /// <summary>Loopback port of the web server; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Movies in the sample library (the shows come on top).</summary>
    public int Movies { get; init; } = DemoLibrary.DefaultMovies;

    /// <summary>The demo data directory, relative to the host's current directory unless absolute.</summary>
    public string DataPath { get; init; } = DemoDataDirectory.DefaultPath;
}

/// <summary>
/// The whole demo, running: the <see cref="DemoEnvironment"/>, an admin login, a first sync (import from the three
/// servers, then export the differences), and the same web server as <c>serve</c> on a loopback port with live
/// events from the three servers. Disposing stops the server and the simulators.
/// </summary>
internal sealed partial class DemoServer : IAsyncDisposable
{
    public const string AdminUser = "demo";

    private DemoServer(DemoEnvironment environment, WebApplication app, Uri url, string password, string apiKey)
    {
        Environment = environment;
        App = app;
        Url = url;
        Password = password;
        ApiKey = apiKey;
    }

    public DemoEnvironment Environment { get; }

    /// <summary>The running web server, built by <see cref="ServeCommand.Build"/>.</summary>
    public WebApplication App { get; }

    /// <summary>Where the web UI and the API answer: http://127.0.0.1:PORT/.</summary>
    public Uri Url { get; }

    /// <summary>The admin's password, random on every start (the user is <see cref="AdminUser"/>).</summary>
    public string Password { get; }

    /// <summary>The API key (<c>X-Apikey</c> header) for scripts.</summary>
    public string ApiKey { get; }

    /// <summary>
    /// Starts everything with nothing printed and no <c>WS_*</c> setting but the demo's own: for tests, e.g.
    /// <c>DemoServer.StartAsync(new DemoOptions { Port = 0, DataPath = tempDir }, ct)</c>.
    /// </summary>
    public static Task<DemoServer> StartAsync(DemoOptions options, CancellationToken cancellationToken) =>
        StartAsync(
            options,
            new CliHost
            {
                Environment = new Dictionary<string, string>(StringComparer.Ordinal),
                CurrentDirectory = Directory.GetCurrentDirectory(),
                Out = TextWriter.Null,
                Error = TextWriter.Null,
            },
            verbose: false,
            cancellationToken);

    /// <summary>Starts everything; the first sync has finished when this returns.</summary>
    /// <param name="host">The caller's host: its current directory anchors a relative data path, its streams get the logs.</param>
    /// <exception cref="DemoException">The data directory may not be wiped, the port is taken, or the first sync failed.</exception>
    public static async Task<DemoServer> StartAsync(DemoOptions options, CliHost host, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        if (options.Port != 0 && !PortIsFree(options.Port))
        {
            // Before anything starts: the web host would say so only after the sync, among its own log lines.
            throw new DemoException($"port {options.Port} on 127.0.0.1 is in use (another demo or server?). Pick another with --port (0 takes any free port).");
        }

        var dataPath = Path.Combine(host.CurrentDirectory, options.DataPath);
        var environment = await DemoEnvironment.StartAsync(dataPath, options.Movies, TimeProvider.System, cancellationToken);
        try
        {
            var startup = await CliStartup.LoadAsync(environment.HostFor(host, options.Port), verbose, cancellationToken);
            var password = NewPassword();
            await FirstSyncAsync(startup, password, cancellationToken);
            var app = ServeCommand.Build(startup);
            try
            {
                await app.Services.GetRequiredService<ApiKeyCheck>().EnsureCreatedAsync();
                var apiKey = await app.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(cancellationToken);
                await StartListeningAsync(app, options.Port, cancellationToken);
                var address = ServeCommand.ListeningAddresses(app).First();
                return new DemoServer(environment, app, new Uri(address.EndsWith('/') ? address : address + "/"), password, apiKey);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await App.StopAsync(grace.Token);
            await App.DisposeAsync();
        }
        finally
        {
            // The simulators go even when the server's stop runs out of time.
            await Environment.DisposeAsync();
        }
    }

    /// <summary>The admin login, then <c>state:sync</c> as the command runs it, its output kept for a failure message.</summary>
    private static async Task FirstSyncAsync(CliStartup startup, string password, CancellationToken cancellationToken)
    {
        using var log = new StringWriter();
        var quiet = startup with
        {
            Host = startup.Host with { Out = log, Error = log, OutIsTerminal = false, ErrorIsTerminal = false, IsInteractive = false },
        };
        await using var services = CliServices.Build(quiet);
        await services.GetRequiredService<AdminAccounts>().SetAsync(AdminUser, password, cancellationToken);
        var sync = ActivatorUtilities.CreateInstance<SyncHandler>(services);
        var code = await sync.RunAsync(IdentityScope.Main, new ExportOptions([], DryRun: false, ForceFull: true, OutputFormat.Table), cancellationToken);
        if (code != CliContext.Ok)
        {
            throw new DemoException($"the first sync failed (exit {code}):{System.Environment.NewLine}{log}");
        }
    }

    private static async Task StartListeningAsync(WebApplication app, int port, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new DemoException($"cannot listen on port {port}: {e.Message} Pick another with --port (0 takes any free port).", e);
        }
    }

    private static bool PortIsFree(int port)
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try
        {
            probe.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
        finally
        {
            probe.Stop();
        }
    }

    // Groups of an alphabet without look-alikes (no 0/O, 1/l/I), easy to copy from a terminal.
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(alphabet, 4)));
    }

}
