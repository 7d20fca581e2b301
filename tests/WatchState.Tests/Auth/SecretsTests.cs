using Microsoft.Extensions.DependencyInjection;
using WatchState.Auth;

namespace WatchState.Tests.Auth;

/// <summary>Passwords, hashes, cookies and the API key never reach the log files or API answers.</summary>
public sealed class SecretsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nothing_secret_appears_in_the_logs_or_responses_after_logins_and_failures()
    {
        var responses = new System.Text.StringBuilder();
        string key;
        string logs;
        List<string> cookies = [];
        var data = new Configuration.TempDataDirectory();
        var logsDir = data.Paths.LogsDir;
        string hash;
        await using (var server = await AuthServer.StartAsync(data: data))
        {
            key = await server.ApiKeyAsync();
            var browser = await server.SetUpAsync();
            foreach (var password in new[] { "wrong password 1", AuthServer.Password, "wrong password 2" })
            {
                using var login = await AuthServer.LoginAsync(server.Client(), AuthServer.User, password);
                responses.Append(await login.Content.ReadAsStringAsync(Ct));
                cookies.AddRange(login.Headers.TryGetValues("Set-Cookie", out var set) ? set : []);
            }

            // A password typed into the user name field must not be logged either.
            using var swapped = await AuthServer.LoginAsync(server.Client(), AuthServer.Password, "x");
            responses.Append(await swapped.Content.ReadAsStringAsync(Ct));
            foreach (var path in new[] { "/v1/api/auth/me", "/v1/api/auth/status", $"/v1/api/auth/me?apikey={key}", "/v1/api/auth/me?apikey=wrong" })
            {
                using var response = await AuthServer.GetAsync(browser, path);
                responses.Append(await response.Content.ReadAsStringAsync(Ct));
            }

            var admin = await server.App.Services.GetRequiredService<AdminStore>().GetAsync(Ct);
            hash = admin!.PasswordHash;
            await server.App.StopAsync(Ct);
            logs = string.Concat(Directory.GetFiles(logsDir).Select(File.ReadAllText));
            Assert.Contains("failed login", logs, StringComparison.Ordinal);
        }

        var cookieValues = cookies.Select(c => c.Split(';')[0].Split('=', 2)[1]).Where(v => v.Length > 0).ToList();
        Assert.NotEmpty(cookieValues);
        foreach (var secret in new[] { AuthServer.Password, "wrong password 1", key, hash }.Concat(cookieValues))
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, responses.ToString(), StringComparison.Ordinal);
        }
    }
}
