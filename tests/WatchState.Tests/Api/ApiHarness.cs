using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Cli;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Tests.Configuration;

namespace WatchState.Tests.Api;

/// <summary>
/// The real <c>serve</c> app on a loopback port with a Jellyfin simulator beside it. Every request carries the
/// API key in <c>X-Apikey</c>, as scripts must once authentication is on.
/// </summary>
internal sealed class ApiHarness : IAsyncDisposable
{
    public const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
          s01e02 runtime=48m
        """;

    private readonly TempDataDirectory _data = new();
    private WebApplication _app = null!;

    private ApiHarness(MediaBrowserSimulator jellyfin)
    {
        Jellyfin = jellyfin;
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public HttpClient Http { get; private set; } = null!;

    public string ApiKey { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public WatchState.Configuration.DataPaths Paths => _data.Paths;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ApiHarness> StartAsync()
    {
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, ServerName = "Living Room", Library = SimLibrary.Parse(Library) }, Ct);
        var harness = new ApiHarness(jellyfin);
        var host = new CliHost
        {
            Environment = new Dictionary<string, string> { ["WS_DATA_PATH"] = harness._data.Root, ["WS_LISTEN"] = "http://127.0.0.1:0" },
            CurrentDirectory = harness._data.Root,
            Out = TextWriter.Null,
            Error = TextWriter.Null,
        };
        harness._app = ServeCommand.Build(await CliStartup.LoadAsync(host, verbose: false, Ct));
        await harness._app.StartAsync(Ct);
        harness.ApiKey = await harness._app.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(Ct);
        harness.Http = new HttpClient { BaseAddress = new Uri(ServeCommand.ListeningAddresses(harness._app).Single()) };
        harness.Http.DefaultRequestHeaders.Add("X-Apikey", harness.ApiKey);
        return harness;
    }

    /// <summary>The body of a Jellyfin backend as POST /v1/api/backends takes it.</summary>
    public object JellyfinBody(string name = "jf", string? token = null) =>
        new { name, type = "jellyfin", url = Jellyfin.BaseUrl.ToString(), token = token ?? Jellyfin.ApiKey };

    /// <summary>Adds the Jellyfin simulator as backend <paramref name="name"/> and fails the test unless it is 201.</summary>
    public async Task AddJellyfinAsync(string name = "jf")
    {
        using var response = await Http.PostAsJsonAsync("/v1/api/backends", JellyfinBody(name), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string url, object? body = null) => SendAsync(HttpMethod.Post, url, body);

    public Task<(HttpStatusCode Status, JsonElement Body)> PatchAsync(string url, object body) => SendAsync(HttpMethod.Patch, url, body);

    /// <summary>GET that must answer 200; returns the body.</summary>
    public async Task<JsonElement> OkAsync(string url)
    {
        var (status, body) = await GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url}: {(int)status} {body}");
        return body;
    }

    /// <summary>Runs a task now through the API and waits until its run is recorded as finished.</summary>
    public async Task<JsonElement> RunTaskAsync(string task)
    {
        var (status, started) = await PostAsync($"/v1/api/tasks/{task}/run");
        Assert.True(status == HttpStatusCode.Accepted, $"run {task}: {(int)status} {started}");
        var runId = started.GetProperty("runId").GetInt64();
        return await UntilAsync(async () =>
        {
            var runs = await OkAsync($"/v1/api/tasks/{task}/runs");
            var run = runs.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == runId);
            return run.GetProperty("endedAt").ValueKind == JsonValueKind.Null ? (JsonElement?)null : run;
        });
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value; gives up after a generous minute so a bug fails instead of hanging.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe)
        where T : struct
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(50, limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await Jellyfin.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
