using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Auth;
using WatchState.Cli;

namespace WatchState.BrowserTests;

/// <summary>The real <c>serve</c> app (pages, API, workers) on a loopback port with its own data directory.</summary>
public sealed class UiServer : IAsyncDisposable
{
    public const string User = "admin";
    public const string Password = "correct horse battery";

    private UiServer(string dataRoot, WebApplication app)
    {
        DataRoot = dataRoot;
        App = app;
        BaseUrl = ServeCommand.ListeningAddresses(app).Single().TrimEnd('/');
    }

    public string DataRoot { get; }

    public string BaseUrl { get; }

    internal WebApplication App { get; }

    /// <param name="serversYaml">Written to <c>servers.yaml</c> before the start, when given.</param>
    public static async Task<UiServer> StartAsync(string? serversYaml = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "ws-ui-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        if (serversYaml is not null)
        {
            Directory.CreateDirectory(Path.Combine(root, "config"));
            await File.WriteAllTextAsync(Path.Combine(root, "config", "servers.yaml"), serversYaml, TestContext.Current.CancellationToken);
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["WS_DATA_PATH"] = root,
            ["WS_LISTEN"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var host = new CliHost { Environment = variables, CurrentDirectory = root, Out = TextWriter.Null, Error = TextWriter.Null };
        var startup = await CliStartup.LoadAsync(host, verbose: false, TestContext.Current.CancellationToken);
        startup.Paths.EnsureCreated();
        var app = ServeCommand.Build(startup);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new UiServer(root, app);
    }

    /// <summary>The admin, as <c>system:admin</c> would create it, for tests that start past the first run.</summary>
    public async Task CreateAdminAsync() =>
        await App.Services.GetRequiredService<AdminAccounts>().CreateAsync(User, Password, TestContext.Current.CancellationToken);

    public string Url(string path) => BaseUrl + path;

    /// <summary>A browser tab logged in as the admin (created first when there is none).</summary>
    public async Task<TestPage> OpenLoggedInAsync(IBrowser browser, ViewportSize? size = null, string? colorScheme = null)
    {
        await CreateAdminAsync();
        var tab = await TestPage.OpenAsync(browser, size, colorScheme);
        try
        {
            await LoginAsync(tab.Page);
            return tab;
        }
        catch
        {
            await tab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Logs in through the login page, as a person would.</summary>
    public async Task LoginAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(Url("/login"));
        await page.GetByLabel("User name").FillAsync(User);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        // No load-state wait at all: on a busy machine waiting for the dashboard's stylesheets, scripts or even a
        // navigation event was the slow, flaky part (it once timed out with the dashboard already shown). The address
        // is polled, and the page is there once its heading is.
        await Assertions.Expect(page).ToHaveURLAsync(Url("/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held open by a background writer: the temp directory is cleaned by the OS.
        }
    }
}
