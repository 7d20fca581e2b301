using System.Net;
using WatchState.Auth;

namespace WatchState.Tests.Auth;

public sealed class LoginRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> LoginFromAsync(HttpClient client, string? forwardedFor, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/api/auth/login", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = AuthServer.User, password }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request, Ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return response.StatusCode;
    }

    [Fact]
    public async Task Ten_wrong_passwords_get_rate_limited_and_then_even_the_right_one_waits()
    {
        await using var server = await AuthServer.StartAsync();
        await server.SetUpAsync();
        var client = server.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await LoginFromAsync(client, null, $"wrong password {i}"));
        }

        var right = await LoginFromAsync(client, null, AuthServer.Password);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, LoginThrottle.FailuresAllowed), statuses.Take(LoginThrottle.FailuresAllowed));
        Assert.All(statuses.Skip(LoginThrottle.FailuresAllowed), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, right);
    }

    [Fact]
    public async Task Successful_logins_do_not_count_towards_the_limit()
    {
        await using var server = await AuthServer.StartAsync();
        await server.SetUpAsync();
        var client = server.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginThrottle.FailuresAllowed + 3; i++)
        {
            statuses.Add(await LoginFromAsync(client, null, AuthServer.Password));
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Login_and_setup_requests_are_limited_per_minute_whatever_their_outcome()
    {
        await using var server = await AuthServer.StartAsync();
        await server.SetUpAsync(); // counts as one attempt
        var client = server.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginThrottle.AttemptsPerMinute; i++)
        {
            statuses.Add(await LoginFromAsync(client, null, AuthServer.Password));
        }

        Assert.All(statuses.Take(LoginThrottle.AttemptsPerMinute - 1), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Without_proxy_trust_x_forwarded_for_is_ignored()
    {
        await using var server = await AuthServer.StartAsync();
        await server.SetUpAsync();
        var client = server.Client();

        for (var i = 0; i < LoginThrottle.FailuresAllowed; i++)
        {
            await LoginFromAsync(client, $"203.0.113.{i + 1}", "wrong password");
        }

        // Every attempt came from 127.0.0.1 whatever the header said, so this address is now blocked.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(client, "198.51.100.7", AuthServer.Password));
    }

    [Fact]
    public async Task With_proxy_trust_x_forwarded_for_is_the_client_address()
    {
        await using var server = await AuthServer.StartAsync(new Dictionary<string, string> { ["WS_TRUST_PROXY"] = "true" });
        await server.SetUpAsync();
        var client = server.Client();

        for (var i = 0; i < LoginThrottle.FailuresAllowed; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "203.0.113.1", "wrong password"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(client, "203.0.113.1", AuthServer.Password));

        // The proxy appends the real address; one a client sent itself, further left, changes nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(client, "198.51.100.7, 203.0.113.1", AuthServer.Password));
        Assert.Equal(HttpStatusCode.OK, await LoginFromAsync(client, "198.51.100.7", AuthServer.Password));
    }

    [Fact]
    public async Task With_proxy_trust_the_cookie_is_secure_when_the_proxy_says_https()
    {
        await using var server = await AuthServer.StartAsync(new Dictionary<string, string> { ["WS_TRUST_PROXY"] = "true" });
        await server.SetUpAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/api/auth/login", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = AuthServer.User, password = AuthServer.Password }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        using var response = await server.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthSchemes.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", SetupAndLoginTests.CookieAttributes(cookie));
    }
}
