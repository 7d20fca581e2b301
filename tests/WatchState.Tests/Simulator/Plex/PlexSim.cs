using System.Net;
using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator.Plex;

/// <summary>Starts Plex simulators and talks to them the way WatchState's Plex client does.</summary>
internal static class PlexSim
{
    public const string Library = """
        movie "Ferengi" 2000 imdb=tt0000001 tmdb=1 genres=Action,"Science Fiction" overview="A movie." premiered=2000-01-01
        movie "Seen Twice" 2001 imdb=tt0000002 played=2024-01-05T18:21:00Z playcount=2
        show "Breaking Bad" 2008 tvdb=81189 tmdb=1396 genres=Drama premiered=2008-01-20
          s01e01 imdb=tt0959621 tvdb=349232 played=2024-02-01T20:00:00Z title="Pilot"
          s01e02 progress=20m @alice:played=2024-03-01T00:00:00Z
          s01e03-e04
        """;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<PlexSimulator> StartAsync(string library = Library, bool legacy = false, TimeProvider? clock = null) =>
        StartAsync(SimLibrary.Parse(library), legacy, clock);

    public static Task<PlexSimulator> StartAsync(SimLibrary library, bool legacy = false, TimeProvider? clock = null) =>
        PlexSimulator.StartAsync(
            new PlexSimulatorOptions { Library = library, LegacyAgents = legacy, TimeProvider = clock ?? TimeProvider.System },
            Ct);

    /// <summary>JSON client with a token and WatchState's default <c>X-Plex-Container-Size: 0</c> header.</summary>
    public static HttpClient Client(PlexSimulator sim, string? token = null, bool json = true)
    {
        var client = new HttpClient { BaseAddress = sim.BaseUrl };
        if (json)
        {
            client.DefaultRequestHeaders.Add("Accept", "application/json");
        }

        client.DefaultRequestHeaders.Add("X-Plex-Token", token ?? sim.AdminToken);
        client.DefaultRequestHeaders.Add("X-Plex-Client-Identifier", "tests");
        return client;
    }

    public static async Task<JsonElement> ContainerAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: Ct);
        return doc.RootElement.GetProperty("MediaContainer").Clone();
    }

    public static async Task<HttpStatusCode> SendAsync(this HttpClient client, HttpMethod method, string url)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    public static JsonElement Fixture(string name)
    {
        using var doc = JsonDocument.Parse(Fixtures.Read("plex/" + name));
        return doc.RootElement.GetProperty("MediaContainer").Clone();
    }

    public static JsonElement Item(this JsonElement container) => container.GetProperty("Metadata")[0];

    public static JsonElement? Find(this JsonElement container, string ratingKey) =>
        container.GetProperty("Metadata").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(m => m!.Value.GetProperty("ratingKey").GetString() == ratingKey);

    /// <summary>Same property names and value kinds, order aside (container order differs between captures).</summary>
    public static void AssertSameNames(JsonElement expected, JsonElement actual, params string[] ignore)
    {
        var want = JsonShape.Names(expected).Except(ignore).Order(StringComparer.Ordinal).ToList();
        var got = JsonShape.Names(actual).Except(ignore).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(want, got);
        foreach (var name in want)
        {
            var e = expected.GetProperty(name).ValueKind;
            var a = actual.GetProperty(name).ValueKind;
            Assert.True(e == a || (e is JsonValueKind.True or JsonValueKind.False && a is JsonValueKind.True or JsonValueKind.False), $"{name}: {e} vs {a}");
        }
    }
}
