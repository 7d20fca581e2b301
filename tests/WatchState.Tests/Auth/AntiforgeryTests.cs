using System.Net;
using WatchState.Webhooks;

namespace WatchState.Tests.Auth;

/// <summary>A request the login cookie authenticates may change something only with the antiforgery token.</summary>
public sealed class AntiforgeryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_post_without_the_token_is_rejected_and_changes_nothing()
    {
        await using var server = await AuthServer.StartAsync();
        var browser = await server.SetUpAsync();

        using var logout = await AuthServer.PostJsonAsync(browser, "/v1/api/auth/logout", new { });
        using var me = await AuthServer.GetAsync(browser, "/v1/api/auth/me");

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal("application/problem+json", logout.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-XSRF-TOKEN", (await AuthServer.JsonAsync(logout)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_cookie_post_with_a_forged_token_is_rejected()
    {
        await using var server = await AuthServer.StartAsync();
        var browser = await server.SetUpAsync();
        _ = await AuthServer.CsrfTokenAsync(browser);

        using var logout = await AuthServer.PostJsonAsync(browser, "/v1/api/auth/logout", new { }, csrf: "forged-token");

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_session_is_rejected()
    {
        await using var server = await AuthServer.StartAsync();
        var attacker = await server.SetUpAsync();
        var victim = server.Client();
        using var login = await AuthServer.LoginAsync(victim);
        var attackersToken = await AuthServer.CsrfTokenAsync(attacker);

        using var logout = await AuthServer.PostJsonAsync(victim, "/v1/api/auth/logout", new { }, attackersToken);

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
    }

    [Fact]
    public async Task A_cookie_post_with_the_token_is_accepted()
    {
        await using var server = await AuthServer.StartAsync();
        var browser = await server.SetUpAsync();
        var token = await AuthServer.CsrfTokenAsync(browser);

        using var logout = await AuthServer.PostJsonAsync(browser, "/v1/api/auth/logout", new { }, token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
    }

    [Fact]
    public async Task An_api_key_post_needs_no_token()
    {
        await using var server = await AuthServer.StartAsync();
        var key = await server.ApiKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/api/auth/logout", UriKind.Relative));
        request.Headers.Add(ApiKeyCheck.HeaderName, key);

        using var response = await server.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
