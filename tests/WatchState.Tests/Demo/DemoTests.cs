using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WatchState.Cli;
using WatchState.Demo;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Demo;

/// <summary>
/// <c>watchstate demo</c> as a new user meets it: it prints a URL and a login that works, the three simulated
/// servers agree after the first sync, and marking a movie unplayed through the API reaches all three.
/// </summary>
public sealed partial class DemoTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private CliHost Host(TextWriter? output = null, TextWriter? error = null) => new()
    {
        Environment = new Dictionary<string, string>(StringComparer.Ordinal),
        CurrentDirectory = _temp.Path,
        Out = output ?? TextWriter.Null,
        Error = error ?? TextWriter.Null,
    };

    private Task<DemoServer> StartAsync(int movies = DemoLibrary.DefaultMovies) =>
        DemoServer.StartAsync(new DemoOptions { Port = 0, Movies = movies, DataPath = _temp.File("demo") }, Ct);

    [Fact]
    public async Task The_command_prints_a_url_and_a_login_that_logs_in_and_stops_on_cancellation()
    {
        using var output = new LockedWriter();
        using var error = new LockedWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = WatchStateCli.RunAsync(["demo", "--port", "0", "--items", "12", "--data", "my-demo"], Host(output, error), stop.Token);

        var ready = await EventuallyAsync(() => output.Text.Contains("Press Ctrl+C to stop", StringComparison.Ordinal) || run.IsCompleted);
        Assert.True(ready && !run.IsCompleted, $"stdout:\n{output.Text}\nstderr:\n{error.Text}");
        var url = Url().Match(output.Text);
        var login = Login().Match(output.Text);
        Assert.True(url.Success && login.Success, output.Text);
        using var http = new HttpClient { BaseAddress = new Uri(url.Groups[1].Value) };
        using var good = await http.PostAsJsonAsync("/v1/api/auth/login", new { username = login.Groups[1].Value, password = login.Groups[2].Value }, Ct);
        using var bad = await http.PostAsJsonAsync("/v1/api/auth/login", new { username = login.Groups[1].Value, password = "not-the-password" }, Ct);

        await stop.CancelAsync();
        var exit = await run;

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("demo", login.Groups[1].Value);
        foreach (var server in new[] { "plex", "jellyfin", "emby" })
        {
            Assert.Matches($@"(?m)^\s+{server}\s+http://127\.0\.0\.1:\d+/", output.Text);
        }

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "my-demo", DemoDataDirectory.MarkerFile)));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync("/v1/api/system/healthcheck", Ct));
    }

    [Fact]
    public async Task After_the_first_sync_the_three_servers_agree_on_every_item()
    {
        await using var demo = await StartAsync();
        var env = demo.Environment;
        var library = env.Library;

        // The seeds differ (else agreeing proves nothing): each server alone has watched movies the others have not.
        var watchedSomewhere = new[] { library.Plex, library.Jellyfin, library.Emby }
            .SelectMany(l => DemoStates.Seeded(l).Where(s => s.Value.Played).Select(s => s.Key))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains(library.Plex.Movies, m => m.States.Count > 0 && library.Jellyfin.Movies.Single(j => j.Title == m.Title).States.Count == 0);

        Assert.Equal("", DemoStates.Disagreements(env, library.Plex));
        foreach (var title in DemoStates.Titles(library.Plex))
        {
            Assert.True(DemoStates.WatchedEverywhere(env, title) == watchedSomewhere.Contains(title), title);
        }

        // A movie half-watched only on Jellyfin resumes at the same point on Plex and Emby.
        var resumed = library.Jellyfin.Movies.First(m => m.States.TryGetValue(DemoLibrary.Admin, out var s) && s.Position > TimeSpan.Zero);
        Assert.Equal(resumed.States[DemoLibrary.Admin].Position, DemoStates.OnPlex(env, resumed.Title).Position);
        Assert.Equal(resumed.States[DemoLibrary.Admin].Position, DemoStates.OnEmby(env, resumed.Title).Position);
    }

    [Fact]
    public async Task Marking_a_movie_unplayed_through_the_api_makes_it_unplayed_on_all_three_servers()
    {
        await using var demo = await StartAsync(movies: 12);
        var env = demo.Environment;
        const string title = "The Matrix";
        Assert.True(DemoStates.WatchedEverywhere(env, title), "watched everywhere after the first sync");
        using var http = new HttpClient { BaseAddress = demo.Url };
        http.DefaultRequestHeaders.Add("X-Apikey", demo.ApiKey);
        var id = await IdOfAsync(http, title);

        using var marked = await http.PostAsync(new Uri($"v1/api/history/{id}/unplayed", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.True(
            await EventuallyAsync(() => DemoStates.WatchedEverywhere(env, title) == false),
            $"plex {DemoStates.OnPlex(env, title)}, jellyfin {DemoStates.OnJellyfin(env, title)}, emby {DemoStates.OnEmby(env, title)}");
        Assert.True(DemoStates.WatchedEverywhere(env, "Inception"), "other movies keep their state");
    }

    [Fact]
    public async Task Marking_a_movie_unplayed_on_jellyfin_reaches_plex_and_emby_through_live_events()
    {
        await using var demo = await StartAsync(movies: 12);
        var env = demo.Environment;
        const string title = "The Matrix";
        Assert.True(await EventuallyAsync(() => env.Plex.LiveConnections > 0 && env.Jellyfin.SocketCount > 0 && env.Emby.SocketCount > 0), "live listeners connected");

        env.Jellyfin.MarkUnplayed(env.Jellyfin.AdminUserId, env.Jellyfin.ItemIdOf(title));

        Assert.True(
            await EventuallyAsync(() => DemoStates.WatchedEverywhere(env, title) == false),
            $"plex {DemoStates.OnPlex(env, title)}, jellyfin {DemoStates.OnJellyfin(env, title)}, emby {DemoStates.OnEmby(env, title)}");
    }

    [Fact]
    public async Task A_directory_the_demo_did_not_make_is_never_wiped()
    {
        var real = Directory.CreateDirectory(_temp.File("data/config")).Parent!.FullName;
        await File.WriteAllTextAsync(Path.Combine(real, "config", "servers.yaml"), "mine: {}\n", Ct);
        using var error = new StringWriter();

        var exit = await WatchStateCli.RunAsync(["demo", "--port", "0", "--data", "data"], Host(error: error), Ct);

        Assert.Equal(1, exit);
        Assert.Contains("refusing to wipe", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("mine: {}\n", await File.ReadAllTextAsync(Path.Combine(real, "config", "servers.yaml"), Ct));
        Assert.False(File.Exists(Path.Combine(real, DemoDataDirectory.MarkerFile)));
    }

    [Fact]
    public async Task A_port_in_use_is_one_clear_error_before_anything_starts()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var error = new StringWriter();

        var exit = await WatchStateCli.RunAsync(["demo", "--port", port, "--data", "demo"], Host(error: error), Ct);

        Assert.Equal(1, exit);
        Assert.Contains($"port {port} on 127.0.0.1 is in use", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("demo")));
    }

    [Fact]
    public void A_demo_directory_is_emptied_on_the_next_start_and_an_empty_one_is_taken()
    {
        var first = DemoDataDirectory.Recreate(_temp.File("demo"));
        File.WriteAllText(Path.Combine(first.DbDir, "watchstate.db"), "old run");
        Directory.CreateDirectory(_temp.File("empty"));

        var second = DemoDataDirectory.Recreate(_temp.File("demo"));
        var empty = DemoDataDirectory.Recreate(_temp.File("empty"));

        Assert.False(File.Exists(second.DatabaseFile));
        Assert.True(Directory.Exists(second.ConfigDir));
        Assert.True(File.Exists(Path.Combine(second.Root, DemoDataDirectory.MarkerFile)));
        Assert.True(File.Exists(Path.Combine(empty.Root, DemoDataDirectory.MarkerFile)));
    }

    [Fact]
    public async Task Help_names_every_option_and_says_the_real_data_is_not_touched()
    {
        using var cli = new CliRunner();

        var help = await cli.RunAsync("demo", "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--port", "--items", "--data", "data-demo", "8080" })
        {
            Assert.Contains(option, help.Out, StringComparison.Ordinal);
        }

        Assert.Contains("not touched", help.Out, StringComparison.Ordinal);
    }

    private static async Task<long> IdOfAsync(HttpClient http, string title)
    {
        var page = await http.GetFromJsonAsync<JsonElement>(new Uri($"v1/api/history?q={Uri.EscapeDataString(title)}&type=movie", UriKind.Relative), Ct);
        return page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetInt64();
    }

    /// <summary>Waits, with a generous limit and no timing assertion, until <paramref name="done"/> holds.</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> done, int seconds = 90)
    {
        for (var i = 0; i < seconds * 10 && !done(); i++)
        {
            await Task.Delay(100, Ct);
        }

        return done();
    }

    [GeneratedRegex(@"open (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex Url();

    [GeneratedRegex(@"user: (\S+)\s+password: (\S+)")]
    private static partial Regex Login();
}
