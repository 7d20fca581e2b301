using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Auth;

namespace WatchState.Tests.Auth;

public sealed class SetupAndLoginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_run_status_says_setup_is_needed_and_the_server_says_how_once()
    {
        await using var server = await AuthServer.StartAsync();

        using var status = await AuthServer.GetAsync(server.Client(), "/v1/api/auth/status");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True((await AuthServer.JsonAsync(status)).GetProperty("setupNeeded").GetBoolean());

        // The notice is printed by a background service once the server has started.
        var printed = "";
        for (var i = 0; i < 200 && !printed.Contains("no admin yet", StringComparison.Ordinal); i++)
        {
            await Task.Delay(25, Ct);
            printed = server.Output.ToString();
        }

        var line = Assert.Single(printed.Split('\n'), l => l.Contains("no admin yet", StringComparison.Ordinal));
        Assert.Contains($"{server.BaseAddress}setup", line, StringComparison.Ordinal);
        Assert.Contains("watchstate system:admin", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_creates_the_admin_and_logs_in_and_a_second_setup_is_409()
    {
        await using var server = await AuthServer.StartAsync();
        var browser = await server.SetUpAsync();

        using var me = await AuthServer.GetAsync(browser, "/v1/api/auth/me");
        using var status = await AuthServer.GetAsync(server.Client(), "/v1/api/auth/status");
        using var again = await AuthServer.PostJsonAsync(server.Client(), "/v1/api/auth/setup", new { username = "intruder", password = "something long" });

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(AuthServer.User, (await AuthServer.JsonAsync(me)).GetProperty("user").GetString());
        Assert.Equal("cookie", (await AuthServer.JsonAsync(me)).GetProperty("method").GetString());
        Assert.False((await AuthServer.JsonAsync(status)).GetProperty("setupNeeded").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AuthServer.User, (await server.App.Services.GetRequiredService<AdminStore>().GetAsync(Ct))?.User);
    }

    [Fact]
    public async Task Setup_refuses_a_short_password()
    {
        await using var server = await AuthServer.StartAsync();

        using var response = await AuthServer.PostJsonAsync(server.Client(), "/v1/api/auth/setup", new { username = "admin", password = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at least 8", (await AuthServer.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await server.App.Services.GetRequiredService<AdminStore>().GetAsync(Ct));
    }

    [Fact]
    public async Task Login_with_the_right_password_gives_a_cookie_that_opens_protected_endpoints()
    {
        await using var server = await AuthServer.StartAsync();
        await server.SetUpAsync();
        var browser = server.Client();

        using var before = await AuthServer.GetAsync(browser, "/v1/api/auth/me");
        using var login = await AuthServer.LoginAsync(browser, user: "ADMIN");
        using var after = await AuthServer.GetAsync(browser, "/v1/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthSchemes.CookieName + "=", StringComparison.Ordinal));
        var attributes = CookieAttributes(cookie);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain("secure", attributes); // plain http here; see the proxy tests for https
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    internal static IReadOnlyList<string> CookieAttributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];

    [Theory]
    [InlineData(AuthServer.User, "wrong password")]
    [InlineData("someone", AuthServer.Password)]
    [InlineData("", "")]
    public async Task Login_with_a_wrong_name_or_password_is_401_without_a_cookie(string user, string password)
    {
        await using var server = await AuthServer.StartAsync();
        await server.SetUpAsync();
        var browser = server.Client();

        using var login = await AuthServer.LoginAsync(browser, user, password);
        using var me = await AuthServer.GetAsync(browser, "/v1/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("application/problem+json", login.Content.Headers.ContentType?.MediaType);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        await using var server = await AuthServer.StartAsync();
        var browser = await server.SetUpAsync();
        var token = await AuthServer.CsrfTokenAsync(browser);

        using var logout = await AuthServer.PostJsonAsync(browser, "/v1/api/auth/logout", new { }, token);
        using var me = await AuthServer.GetAsync(browser, "/v1/api/auth/me");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task A_password_reset_signs_out_existing_sessions()
    {
        await using var server = await AuthServer.StartAsync();
        var browser = await server.SetUpAsync();

        await server.App.Services.GetRequiredService<AdminAccounts>().SetAsync(AuthServer.User, "a brand new password", Ct);
        using var me = await AuthServer.GetAsync(browser, "/v1/api/auth/me");
        using var oldPassword = await AuthServer.LoginAsync(server.Client());
        using var newPassword = await AuthServer.LoginAsync(server.Client(), password: "a brand new password");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
    }
}
