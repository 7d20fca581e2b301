using System.Net;
using WatchState.Tests.Auth;
using WatchState.Webhooks;

namespace WatchState.Tests.Security;

/// <summary>
/// Every endpoint the app maps — read from the app itself, not from a list in this file — refuses a request without
/// credentials, except the few docs/security.md names as open.
/// </summary>
public sealed class RouteProtectionTests
{
    /// <summary>The open endpoints docs/security.md lists; a new anonymous endpoint fails the test until it is added there and here.</summary>
    private static readonly string[] DocumentedOpen =
    [
        "GET /v1/api/system/healthcheck",
        "GET /v1/api/auth/status",
        "POST /v1/api/auth/setup",
        "POST /v1/api/auth/login",
        "GET /v1/api/webhook",
        "POST|PUT /v1/api/webhook",
        "GET|POST|PUT|PATCH|DELETE /login",
        "GET|POST|PUT|PATCH|DELETE /setup",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_documented_endpoints_are_open_to_anonymous_callers()
    {
        await using var server = await AuthServer.StartAsync();

        var routes = AppRoutes.Of(server.App);
        var open = routes.Where(r => r.Anonymous).Select(r => $"{string.Join('|', r.Methods)} {r.Path}").Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(DocumentedOpen.Order(StringComparer.Ordinal), open);

        // The enumeration sees both kinds of endpoint, so an empty list cannot pass for a protected one.
        Assert.Contains(routes, r => r.IsPage && r.Page == "/History/Index");
        Assert.Contains(routes, r => r.Pattern == "v1/api/backends/{name}/libraries/{id}/ignore");
        Assert.True(routes.Count > 40, $"only {routes.Count} routes");
    }

    [Fact]
    public async Task Every_protected_route_and_method_without_credentials_is_401_and_a_page_sends_a_browser_to_login()
    {
        await using var server = await AuthServer.StartAsync();
        _ = await server.SetUpAsync();
        var anonymous = server.Client();
        var checkedCount = 0;

        foreach (var route in AppRoutes.Of(server.App).Where(r => !r.Anonymous))
        {
            foreach (var method in route.Methods)
            {
                using var response = await SendAsync(anonymous, method, route.Path, accept: "application/json");
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route.Path}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                checkedCount++;

                if (route.IsPage && method == "GET")
                {
                    using var browser = await SendAsync(anonymous, method, route.Path, accept: "text/html");
                    Assert.True(browser.StatusCode == HttpStatusCode.Redirect, $"{method} {route.Path} from a browser: {(int)browser.StatusCode}");
                    var location = browser.Headers.Location!;
                    Assert.StartsWith("/login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        Assert.True(checkedCount > 60, $"only {checkedCount} requests");
    }

    [Fact]
    public async Task A_wrong_api_key_or_a_forged_cookie_opens_no_protected_route()
    {
        await using var server = await AuthServer.StartAsync();
        _ = await server.SetUpAsync();
        var client = server.Client();

        foreach (var route in AppRoutes.Of(server.App).Where(r => !r.Anonymous))
        {
            foreach (var method in route.Methods)
            {
                using var wrongKey = await SendAsync(client, method, route.Path, "application/json", r => r.Headers.Add(ApiKeyCheck.HeaderName, "wrong-key-0000"));
                using var forged = await SendAsync(client, method, route.Path, "application/json", r => r.Headers.Add("Cookie", "ws.auth=CfDJ8forgedcookievalue"));

                Assert.True(wrongKey.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route.Path} with a wrong key: {(int)wrongKey.StatusCode}");
                Assert.True(forged.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route.Path} with a forged cookie: {(int)forged.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task The_webhook_without_its_key_is_401_for_every_method_it_answers()
    {
        await using var server = await AuthServer.StartAsync();

        foreach (var route in AppRoutes.Of(server.App).Where(r => r.Path == WebhookEndpoints.Path))
        {
            foreach (var method in route.Methods)
            {
                using var response = await SendAsync(server.Client(), method, route.Path, "application/json");
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route.Path}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task With_the_api_key_every_get_route_answers_without_a_server_error_and_with_the_security_headers()
    {
        await using var server = await AuthServer.StartAsync();
        _ = await server.SetUpAsync();
        var key = await server.ApiKeyAsync();
        var client = server.Client();

        foreach (var route in AppRoutes.Of(server.App).Where(r => r.Methods.Contains("GET")))
        {
            using var response = await SendAsync(client, "GET", route.Path, "application/json", r => r.Headers.Add(ApiKeyCheck.HeaderName, key));
            Assert.True((int)response.StatusCode < 500, $"GET {route.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            Assert.True(response.Headers.Contains("Content-Security-Policy") && response.Headers.Contains("X-Frame-Options"), $"GET {route.Path}: no security headers");
        }
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string accept, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.Add("Accept", accept);
        if (method is not ("GET" or "DELETE"))
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return await client.SendAsync(request, Ct);
    }
}
