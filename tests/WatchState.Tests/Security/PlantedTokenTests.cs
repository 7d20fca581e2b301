using System.Net;
using System.Net.Http.Json;
using System.Text;
using WatchState.Cli;
using WatchState.Tests.Webhooks;
using WatchState.Webhooks;

namespace WatchState.Tests.Security;

/// <summary>
/// Tokens planted in the config (three servers, plex.tv, the admin password, the API key, a wrong token) never appear
/// in anything the program prints, logs (down to Trace), answers or writes, through imports, exports, webhooks,
/// backups, failing servers, a broken config file and error pages.
/// </summary>
public sealed partial class PlantedTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_planted_token_appears_in_any_output_log_answer_or_written_file()
    {
        await using var planted = await PlantedSecrets.StartAsync();
        planted.Jellyfin.MarkPlayed(planted.Jellyfin.AdminUserId, planted.Jellyfin.ItemIdOf("The Matrix"), new DateTimeOffset(2024, 1, 5, 18, 0, 0, TimeSpan.Zero));

        // The command line: everything a user would run, with debug logs.
        Assert.Equal(0, (await planted.RunAsync("config:test")).ExitCode);
        await planted.RunAsync("backend:list");
        await planted.RunAsync("backend:list", "-o", "json");
        Assert.Equal(0, (await planted.RunAsync("state:import")).ExitCode);
        await planted.RunAsync("state:export");
        await planted.RunAsync("state:sync");
        await planted.RunAsync("state:backup");
        await planted.RunAsync("identities:list");
        await planted.RunAsync("history:list");
        await planted.RunAsync("outbox:list");
        await planted.RunAsync("events:list");
        await planted.RunAsync("system:tasks");

        // Failing servers: down, answering garbage, refusing a wrong token.
        planted.Emby.Faults.Down = true;
        planted.Plex.Faults.Garbage = true;
        await planted.RunAsync("state:import");
        await planted.RunAsync("config:test");
        planted.Emby.Faults.Down = false;
        planted.Plex.Faults.Garbage = false;
        planted.Cli.Data.WriteServers(planted.ServersYaml(PlantedSecrets.WrongToken));
        Assert.NotEqual(0, (await planted.RunAsync("state:import")).ExitCode);
        await planted.RunAsync("config:test");
        await planted.RunAsync("backend:list");

        // A broken config file whose bad line holds a token.
        planted.Cli.Data.WriteServers(planted.ServersYaml(PlantedSecrets.JellyfinKey).Replace($"token: {PlantedSecrets.EmbyKey}", $"token: [\"{PlantedSecrets.EmbyKey}", StringComparison.Ordinal));
        Assert.NotEqual(0, (await planted.RunAsync("config:test")).ExitCode);
        await planted.RunAsync("backend:list");
        planted.Cli.Data.WriteServers(planted.ServersYaml(PlantedSecrets.JellyfinKey));

        await ServeScenarioAsync(planted);
        planted.SawFiles();

        Assert.True(planted.SeenLength > 10_000, $"too little was recorded to prove anything: {planted.SeenLength} characters");
        var leaks = planted.Leaks();
        Assert.True(leaks.Count == 0, string.Join("\n\n", leaks));
    }

    private static async Task ServeScenarioAsync(PlantedSecrets planted)
    {
        using var console = new SynchronizedConsole();
        var app = await planted.ServeAsync(console.Writer);
        try
        {
            var key = planted.ApiKey!;
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri(ServeCommand.ListeningAddresses(app).Single()),
            };

            await SeeAsync(planted, "setup", await http.PostAsJsonAsync("/v1/api/auth/setup", new { username = "admin", password = PlantedSecrets.Password }, Ct));
            await SeeAsync(planted, "wrong login", await http.PostAsJsonAsync("/v1/api/auth/login", new { username = "admin", password = PlantedSecrets.Password + "x" }, Ct));
            await SeeAsync(planted, "login", await http.PostAsJsonAsync("/v1/api/auth/login", new { username = "admin", password = PlantedSecrets.Password }, Ct));

            // A webhook with the key in the query, as media servers send it, and one with a wrong key.
            var webhook = WebhookSamples.Plex("webhook-media.scrobble.json");
            using (var message = WebhookLoad.Message(webhook, key))
            {
                await SeeAsync(planted, "webhook", await http.SendAsync(message, Ct));
            }

            await SeeAsync(planted, "webhook wrong key", await http.PostAsync($"{WebhookEndpoints.Path}?apikey={PlantedSecrets.WrongToken}", new StringContent("{}"), Ct));

            // Every GET route with the API key (in the query, the worst case for logs), its parameters filled with each backend's name.
            foreach (var route in AppRoutes.Of(app).Where(r => r.Methods.Contains("GET")).DistinctBy(r => r.Pattern))
            {
                var paths = route.Pattern.Contains('{', StringComparison.Ordinal)
                    ? new[] { "jf", "emby", "plex", "1" }.Select(v => AppRoutes.Fill(Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route.Pattern), v))
                    : [route.Path];
                foreach (var path in paths.Distinct())
                {
                    await SeeAsync(planted, $"GET {path}", await http.GetAsync(new Uri($"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}apikey={key}", UriKind.Relative), Ct));
                    using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                    page.Headers.Add("Accept", "text/html");
                    await SeeAsync(planted, $"GET {path} (browser)", await http.SendAsync(page, Ct));
                }
            }

            // Connection tests that fail: server down, garbage, wrong token.
            planted.Emby.Faults.Down = true;
            planted.Plex.Faults.Garbage = true;
            foreach (var name in new[] { "jf", "emby", "plex" })
            {
                using var test = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v1/api/backends/{name}/test", UriKind.Relative));
                test.Headers.Add(ApiKeyCheck.HeaderName, key);
                await SeeAsync(planted, $"test {name}", await http.SendAsync(test, Ct));
            }

            planted.Emby.Faults.Down = false;
            planted.Plex.Faults.Garbage = false;

            // A broken config file while serving: pages and API calls that read it, in Production mode.
            planted.Cli.Data.WriteServers(planted.ServersYaml(PlantedSecrets.WrongToken).Replace("type: plex", "type: [plex", StringComparison.Ordinal));
            foreach (var path in new[] { "/backends", "/backends/edit/jf", "/settings", "/v1/api/backends", "/v1/api/backends/jf", "/v1/api/identities" })
            {
                using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                page.Headers.Add("Accept", "text/html");
                await SeeAsync(planted, $"broken config {path} (browser)", await http.SendAsync(page, Ct));
                using var api = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                api.Headers.Add(ApiKeyCheck.HeaderName, key);
                await SeeAsync(planted, $"broken config {path}", await http.SendAsync(api, Ct));
            }

            planted.Cli.Data.WriteServers(planted.ServersYaml(PlantedSecrets.JellyfinKey));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            planted.Saw("serve console (trace)", console.Text);
        }
    }

    private static async Task SeeAsync(PlantedSecrets planted, string what, HttpResponseMessage response)
    {
        using (response)
        {
            var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
            // The dashboard shows the logged-in admin the webhook URL, key included, to paste into the media servers: on purpose.
            var body = WebhookUrlField().Replace(await response.Content.ReadAsStringAsync(Ct), "id=\"webhook-url\"");
            planted.Saw($"{what} → {(int)response.StatusCode}", headers + "\n" + body);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("id=\"webhook-url\"[^>]*")]
    private static partial System.Text.RegularExpressions.Regex WebhookUrlField();

    /// <summary>A writer the server's many threads can log to at once.</summary>
    private sealed class SynchronizedConsole : IDisposable
    {
        private readonly StringWriter _inner = new(new StringBuilder());

        public SynchronizedConsole() => Writer = TextWriter.Synchronized(_inner);

        public TextWriter Writer { get; }

        public string Text
        {
            get
            {
                lock (Writer)
                {
                    return _inner.ToString();
                }
            }
        }

        public void Dispose() => _inner.Dispose();
    }
}
