using System.Net;
using WatchState.Webhooks;

namespace WatchState.Tests.Auth;

/// <summary>Secure by default: nothing but the health check, the login endpoints and the webhook answers without credentials.</summary>
public sealed class ProtectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1/api/auth/me")]
    [InlineData("/v1/api/auth/csrf")]
    [InlineData("/v1/api/anything")]
    [InlineData("/v1/api/backends")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/")]
    [InlineData("/some/page")]
    public async Task Any_other_path_without_credentials_is_401_problem_details(string path)
    {
        await using var server = await AuthServer.StartAsync();
        await server.SetUpAsync();

        using var response = await AuthServer.GetAsync(server.Client(), path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await AuthServer.JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_unsafe_request_without_credentials_is_401_too()
    {
        await using var server = await AuthServer.StartAsync();

        using var response = await AuthServer.PostJsonAsync(server.Client(), "/v1/api/backends", new { name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_health_check_and_auth_status_need_no_credentials()
    {
        await using var server = await AuthServer.StartAsync();

        using var health = await AuthServer.GetAsync(server.Client(), "/v1/api/system/healthcheck");
        using var status = await AuthServer.GetAsync(server.Client(), "/v1/api/auth/status");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task The_api_key_works_in_the_header_and_in_the_query()
    {
        await using var server = await AuthServer.StartAsync();
        var key = await server.ApiKeyAsync();
        var client = server.Client();

        using var header = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/api/auth/me", UriKind.Relative));
        header.Headers.Add(ApiKeyCheck.HeaderName, key);
        using var byHeader = await client.SendAsync(header, Ct);
        using var byQuery = await AuthServer.GetAsync(client, $"/v1/api/auth/me?apikey={key}");

        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Equal("apikey", (await AuthServer.JsonAsync(byHeader)).GetProperty("method").GetString());
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.True((await AuthServer.JsonAsync(byQuery)).GetProperty("setupNeeded").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_api_key_is_401_and_is_not_echoed()
    {
        await using var server = await AuthServer.StartAsync();

        using var response = await AuthServer.GetAsync(server.Client(), "/v1/api/auth/me?apikey=not-the-key-1234");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("not-the-key-1234", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_keeps_its_own_key_check()
    {
        await using var server = await AuthServer.StartAsync();
        var key = await server.ApiKeyAsync();

        using var without = await AuthServer.GetAsync(server.Client(), WebhookEndpoints.Path);
        using var with = await AuthServer.GetAsync(server.Client(), $"{WebhookEndpoints.Path}?apikey={key}");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Contains("system:apikey", await without.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task Opening_the_webhook_opens_nothing_else()
    {
        await using var server = await AuthServer.StartAsync(new Dictionary<string, string> { ["WS_SECURE_API_ENDPOINTS"] = "false" });

        using var webhook = await AuthServer.GetAsync(server.Client(), WebhookEndpoints.Path);
        using var me = await AuthServer.GetAsync(server.Client(), "/v1/api/auth/me");
        using var anything = await AuthServer.GetAsync(server.Client(), "/v1/api/anything");

        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anything.StatusCode);
    }

    [Fact]
    public async Task A_browser_asking_for_a_page_is_sent_to_login_but_an_api_call_never_is()
    {
        await using var server = await AuthServer.StartAsync();
        var client = server.Client();

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/history", UriKind.Relative));
        page.Headers.Add("Accept", "text/html,application/xhtml+xml");
        using var pageResponse = await client.SendAsync(page, Ct);
        using var api = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/api/history", UriKind.Relative));
        api.Headers.Add("Accept", "text/html,application/xhtml+xml");
        using var apiResponse = await client.SendAsync(api, Ct);
        using var login = new HttpRequestMessage(HttpMethod.Get, new Uri("/login", UriKind.Relative));
        login.Headers.Add("Accept", "text/html");
        using var loginResponse = await client.SendAsync(login, Ct);

        Assert.Equal(HttpStatusCode.Redirect, pageResponse.StatusCode);
        Assert.StartsWith("/login", pageResponse.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, apiResponse.StatusCode);

        // No loop: with no admin yet the login page points at the setup page, which answers.
        Assert.Equal(HttpStatusCode.Redirect, loginResponse.StatusCode);
        Assert.Equal("/setup", loginResponse.Headers.Location?.OriginalString);
        using var setup = new HttpRequestMessage(HttpMethod.Get, new Uri("/setup", UriKind.Relative));
        setup.Headers.Add("Accept", "text/html");
        using var setupResponse = await client.SendAsync(setup, Ct);
        Assert.Equal(HttpStatusCode.OK, setupResponse.StatusCode);
    }

    [Theory]
    [InlineData("/v1/api/system/healthcheck")]
    [InlineData("/v1/api/anything")]
    [InlineData("/v1/api/auth/status")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var server = await AuthServer.StartAsync();

        using var response = await AuthServer.GetAsync(server.Client(), path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }
}
