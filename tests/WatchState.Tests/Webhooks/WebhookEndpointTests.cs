using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Cli;
using WatchState.Storage;
using WatchState.Tests.Configuration;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>Black-box: the real <c>serve</c> app on a loopback port, fed the fixture bodies as the servers send them.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _key = null!;

    public async ValueTask InitializeAsync()
    {
        _data.WriteServers(WebhookHarness.Servers);
        var host = new CliHost
        {
            Environment = new Dictionary<string, string> { ["WS_DATA_PATH"] = _data.Root, ["WS_LISTEN"] = "http://127.0.0.1:0" },
            CurrentDirectory = _data.Root,
            Out = TextWriter.Null,
            Error = TextWriter.Null,
        };
        _app = ServeCommand.Build(await CliStartup.LoadAsync(host, verbose: false, TestContext.Current.CancellationToken));
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = new Uri(ServeCommand.ListeningAddresses(_app).Single()) };
        _key = await _app.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private static Uri Url(string? key) => new(key is null ? WebhookEndpoints.Path : $"{WebhookEndpoints.Path}?apikey={Uri.EscapeDataString(key)}", UriKind.Relative);

    private async Task<HttpResponseMessage> SendAsync(WebhookRequest request, string? key, HttpMethod? method = null)
    {
        var content = new ByteArrayContent(request.Body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        using var message = new HttpRequestMessage(method ?? HttpMethod.Post, Url(key)) { Content = content };
        if (request.UserAgent is not null)
        {
            message.Headers.TryAddWithoutValidation("User-Agent", request.UserAgent);
        }

        return await _http.SendAsync(message, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Get_answers_that_the_endpoint_is_ready()
    {
        using var response = await _http.GetAsync(Url(_key), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ready", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_wrong_api_key_is_401(string? key)
    {
        using var response = await SendAsync(WebhookSamples.Plex("webhook-media.scrobble.json"), key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _app.Services.GetRequiredService<InboxStore>().ListAsync(null, 0, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_key_may_come_in_the_x_apikey_header()
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, Url(null));
        message.Headers.Add(ApiKeyCheck.HeaderName, _key);

        using var response = await _http.SendAsync(message, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task After_a_rotation_only_the_new_key_works()
    {
        var rotated = await _app.Services.GetRequiredService<ApiKeyCheck>().RotateAsync(TestContext.Current.CancellationToken);

        using var old = await _http.GetAsync(Url(_key), TestContext.Current.CancellationToken);
        using var fresh = await _http.GetAsync(Url(rotated), TestContext.Current.CancellationToken);

        Assert.NotEqual(_key, rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task A_request_cannot_pass_for_a_stored_live_event()
    {
        var forged = new WebhookRequest(WatchState.Live.LiveEventCodec.ContentType, null, "{}"u8.ToArray());

        using var response = await SendAsync(forged, _key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _app.Services.GetRequiredService<InboxStore>().ListAsync(null, 0, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var big = new WebhookRequest(WebhookSamples.JsonType, null, new byte[WebhookEndpoints.MaxBodyBytes + 1]);

        using var response = await SendAsync(big, _key);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Garbage_is_400_with_the_reason_as_problem_details()
    {
        using var response = await SendAsync(new WebhookRequest("text/plain", null, Encoding.UTF8.GetBytes("{not json")), _key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("not valid JSON", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thousand_malformed_bodies_never_get_a_500()
    {
        var random = new Random(20261124);
        var seeds = new[]
        {
            Fixtures.Read("plex/webhook-media.stop.json"),
            Fixtures.Read("emby/webhook-playback.stop.json"),
            Fixtures.Read("jellyfin-webhook-real/raw/12-PlaybackStop-admin-s01e03-stop-150s.json"),
            Fixtures.Read("tautulli/webhook-tautulli.stop.json"),
        };
        var agents = new string?[] { null, WebhookSamples.PlexAgent, WebhookSamples.TautulliAgent, WebhookSamples.JellyfinAgent };
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 1000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(seeds[i % seeds.Length]);

            // Cut, flip and splice bytes; some bodies stay valid JSON with wrong types, most do not.
            var length = random.Next(0, bytes.Length + 1);
            var body = bytes[..length];
            for (var n = random.Next(0, 8); n > 0 && body.Length > 0; n--)
            {
                body[random.Next(body.Length)] = (byte)random.Next(256);
            }

            var request = i % 7 == 0
                ? WebhookSamples.MultipartOf(Encoding.UTF8.GetString(body), i % 2 == 0 ? "payload" : "data", agents[i % 4], withImage: i % 3 == 0)
                : new WebhookRequest(i % 5 == 0 ? "multipart/form-data; boundary=x" : WebhookSamples.JsonType, agents[i % 4], body);
            using var response = await SendAsync(request, _key);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        Assert.DoesNotContain(statuses.Keys, s => (int)s >= 500);
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 500, string.Join(", ", statuses));
    }

    public static TheoryData<string> Senders() =>
    [
        "plex/webhook-media.scrobble.json",
        "tautulli/webhook-tautulli.watched.json",
        "emby/webhook-item.markplayed.json",
        "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json",
    ];

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task A_real_body_is_stored_answered_and_applied_by_the_worker(string fixture)
    {
        var method = fixture.StartsWith("tautulli", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post;
        using var response = await SendAsync(WebhookSamples.For(fixture), _key, method);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var id = accepted.RootElement.GetProperty("id").GetInt64();
        var inbox = _app.Services.GetRequiredService<InboxStore>();
        Assert.NotNull(await inbox.GetAsync(id, TestContext.Current.CancellationToken));

        // The worker is woken by the insert; wait for it without asserting how long it took.
        InboxEntry? entry = null;
        for (var i = 0; i < 300 && entry?.Status is null or InboxStatus.Pending; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            entry = await inbox.GetAsync(id, TestContext.Current.CancellationToken);
        }

        Assert.Equal(InboxStatus.Applied, entry!.Status);
    }

    [Fact]
    public async Task The_emby_test_notification_is_answered_200_with_a_note()
    {
        using var response = await SendAsync(WebhookSamples.Emby("webhook-system.notificationtest.json", multipart: true), _key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("test notification", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
