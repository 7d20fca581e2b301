using System.Net;
using System.Text;
using WatchState.Api;
using WatchState.Tests.Auth;
using WatchState.Webhooks;

namespace WatchState.Tests.Security;

/// <summary>
/// Generated malformed bodies sent with the API key to every POST, PUT, PATCH and DELETE route the app maps (read
/// from the app): never a 500, the server keeps answering and nothing half-made is stored. Oversized bodies are 413.
/// </summary>
public sealed class ApiBodyFuzzTests
{
    private const int CasesPerRoute = 60;

    /// <summary>Routes that act without reading a body and end the credentials the fuzzing uses.</summary>
    private static readonly string[] Excluded = ["v1/api/auth/logout", "v1/api/system/apikey/rotate", "v1/api/webhook"];

    private static readonly string[] ParameterValues = ["sample", "1", "main", "import", "jf", "..%2F..%2Fconfig", "%00", "-1", "99999999999999999999", new('x', 300)];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
    ];

    // Every field name the API's bodies use, with plausible values; mutations make them wrong. URLs point at a closed port.
    private const string Seed = """
        {"name":"jf","type":"jellyfin","url":"http://127.0.0.1:1","token":"t0ken","user":"u1","import":true,"export":false,"live":true,
         "options":{"LIBRARY_SEGMENT":"10","client":{"timeout":1}},"enabled":true,"schedule":"*/5 * * * *","ignore":true,"title":"x",
         "identity":"main","dryRun":true,"username":"admin","password":"password","played":true,"position":12}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Malformed_bodies_to_every_unsafe_api_route_never_get_a_500_and_store_nothing()
    {
        await using var server = await AuthServer.StartAsync();
        _ = await server.SetUpAsync();
        var key = await server.ApiKeyAsync();
        var client = server.Client();
        var routes = AppRoutes.Of(server.App)
            .Where(r => !r.IsPage && !Excluded.Contains(r.Pattern) && r.Methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            .ToList();
        Assert.True(routes.Count >= 10, $"only {routes.Count} routes");
        var history = await GetAsync(client, "/v1/api/history", key);
        var random = new Random(505);
        var statuses = new Dictionary<int, int>();

        foreach (var route in routes)
        {
            var pattern = Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route.Pattern);
            for (var i = 0; i < CasesPerRoute; i++)
            {
                var method = route.Methods[i % route.Methods.Count];
                var path = AppRoutes.Fill(pattern, ParameterValues[random.Next(ParameterValues.Length)]);
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                request.Headers.Add(ApiKeyCheck.HeaderName, key);
                var body = Mutations.Json(random, Seed, i);
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentTypes[random.Next(ContentTypes.Length)]);

                using var response = await client.SendAsync(request, Ct);

                var code = (int)response.StatusCode;
                statuses[code] = statuses.GetValueOrDefault(code) + 1;
                Assert.True(code < 500, $"{method} {path} → {code}: {await response.Content.ReadAsStringAsync(Ct)}\n--- body\n{body[..Math.Min(500, body.Length)]}");
            }
        }

        // Still answering, nothing stored: no item, no backend written to servers.yaml.
        using var health = await AuthServer.GetAsync(client, "/v1/api/system/healthcheck");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(history, await GetAsync(client, "/v1/api/history", key));
        Assert.False(File.Exists(server.Data.Paths.ServersFile), "a rejected body left a servers.yaml");
        Assert.True(statuses.Keys.Any(c => c is 400 or 404 or 415 or 422), string.Join(", ", statuses));
    }

    [Theory]
    [InlineData("/v1/api/backends", true)]
    [InlineData("/v1/api/backends", false)]
    [InlineData("/v1/api/auth/login", true)]
    [InlineData("/v1/api/tasks/import", false)]
    public async Task An_oversized_api_body_is_413_whether_or_not_its_length_is_announced(string path, bool withLength)
    {
        await using var server = await AuthServer.StartAsync();
        _ = await server.SetUpAsync();
        var key = await server.ApiKeyAsync();
        var big = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', (int)RequestBodyLimit.MaxBytes) + "\"}");
        using var request = new HttpRequestMessage(path.Contains("tasks", StringComparison.Ordinal) ? HttpMethod.Patch : HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add(ApiKeyCheck.HeaderName, key);
        request.Content = withLength ? new ByteArrayContent(big) : new StreamContent(new MemoryStream(big));
        request.Content.Headers.ContentType = new("application/json");
        if (!withLength)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await server.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(File.Exists(server.Data.Paths.ServersFile));
    }

    [Fact]
    public async Task An_oversized_form_post_is_413_before_anyone_logged_in()
    {
        await using var server = await AuthServer.StartAsync();
        using var form = new ByteArrayContent(new byte[RequestBodyLimit.MaxBytes + 1]);
        form.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await server.Client().PostAsync(new Uri("/login", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task<string> GetAsync(HttpClient client, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add(ApiKeyCheck.HeaderName, key);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
