using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator;

/// <summary>Starts simulators and talks HTTP to them the way a client would.</summary>
internal static class Sim
{
    /// <summary>The library of the real Jellyfin capture (jellyfin-real/07–12): two movies, two episodes, 1.152 s each.</summary>
    public const string CaptureLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=1152ms
        movie "Inception" 2010 tmdb=27205 runtime=1152ms
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=1152ms
          s01e02 runtime=1152ms
        """;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<MediaBrowserSimulator> StartAsync(
        string library = CaptureLibrary,
        MediaBrowserFlavor flavor = MediaBrowserFlavor.Jellyfin,
        string? version = null,
        bool? legacy = null,
        TimeProvider? clock = null) =>
        StartAsync(SimLibrary.Parse(library), flavor, version, legacy, clock);

    public static Task<MediaBrowserSimulator> StartAsync(
        SimLibrary library, MediaBrowserFlavor flavor, string? version = null, bool? legacy = null, TimeProvider? clock = null) =>
        MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions
            {
                Library = library,
                Flavor = flavor,
                Version = version,
                LegacyAuthorization = legacy,
                TimeProvider = clock ?? TimeProvider.System,
            },
            Ct);

    /// <summary>A client that authenticates the way WatchState does (MediaBrowser scheme with the API key).</summary>
    public static HttpClient Client(MediaBrowserSimulator sim)
    {
        var client = Anonymous(sim);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "MediaBrowser", $"Client=\"tests\", Device=\"ci\", DeviceId=\"1\", Version=\"1\", Token=\"{sim.ApiKey}\"");
        return client;
    }

    public static HttpClient Anonymous(MediaBrowserSimulator sim) => new() { BaseAddress = sim.BaseUrl };

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return await ReadAsync(response);
    }

    public static async Task<JsonElement> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    public static async Task<HttpStatusCode> StatusAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        return response.StatusCode;
    }

    public static async Task<string> TextAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    public static JsonElement Fixture(string relative)
    {
        using var doc = JsonDocument.Parse(Fixtures.Read(relative));
        return doc.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("Items").EnumerateArray();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: Ct);
        return doc.RootElement.Clone();
    }
}

/// <summary>A clock that stands still until a test moves it.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
