using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Cli;
using WatchState.Storage;
using WatchState.Tests.Configuration;

namespace WatchState.Tests.Auth;

/// <summary>The real <c>serve</c> app on a loopback port, with clients that keep cookies as a browser does.</summary>
internal sealed class AuthServer : IAsyncDisposable
{
    public const string User = "admin";
    public const string Password = "correct horse battery";

    private readonly List<HttpClient> _clients = [];

    private AuthServer(TempDataDirectory data, WebApplication app, StringWriter output)
    {
        Data = data;
        App = app;
        Output = output;
        BaseAddress = new Uri(ServeCommand.ListeningAddresses(app).Single());
    }

    public TempDataDirectory Data { get; }

    public WebApplication App { get; }

    /// <summary>What the server printed to stdout.</summary>
    public StringWriter Output { get; }

    public Uri BaseAddress { get; }

    public static async Task<AuthServer> StartAsync(IReadOnlyDictionary<string, string>? environment = null, TempDataDirectory? data = null)
    {
        data ??= new TempDataDirectory();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["WS_DATA_PATH"] = data.Root,
            ["WS_LISTEN"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var output = new StringWriter();
        var host = new CliHost { Environment = variables, CurrentDirectory = data.Root, Out = output, Error = TextWriter.Null };
        var app = ServeCommand.Build(await CliStartup.LoadAsync(host, verbose: false, TestContext.Current.CancellationToken));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new AuthServer(data, app, output);
    }

    /// <summary>A new "browser": its own cookie jar.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        _clients.Add(client);
        return client;
    }

    public Task<string> ApiKeyAsync() => App.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body, string? csrf = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (csrf is not null)
        {
            message.Headers.Add("X-XSRF-TOKEN", csrf);
        }

        return client.SendAsync(message, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string user = User, string password = Password) =>
        PostJsonAsync(client, "/v1/api/auth/login", new { username = user, password });

    /// <summary>Creates the admin through the first-run setup and returns a client logged in as it.</summary>
    public async Task<HttpClient> SetUpAsync()
    {
        var client = Client();
        using var response = await PostJsonAsync(client, "/v1/api/auth/setup", new { username = User, password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return client;
    }

    public static async Task<string> CsrfTokenAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/v1/api/auth/csrf", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("token").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Output.Dispose();
        Data.Dispose();
    }
}
