using System.Text.Json;

namespace WatchState.Tests.Cli;

/// <summary><c>-u IDENTITY</c> and <c>--all</c> on the state commands, against Jellyfin and Emby simulators over real HTTP.</summary>
public class IdentityScopeCommandTests
{
    private static bool Watched(JsonElement item) => item.GetProperty("watched").GetBoolean();

    [Fact]
    public async Task Import_as_alice_fills_only_alices_state_from_her_own_user()
    {
        await using var s = await TwoIdentityServers.StartAsync();

        var import = await s.RunAsync(0, "state:import", "-u", "alice");
        var alice = await s.ItemsAsync("alice");
        var main = await s.ItemsAsync("main");
        var bob = await s.ItemsAsync("bob");

        Assert.DoesNotContain("== identity", import.Out, StringComparison.Ordinal);
        Assert.True(Watched(alice["The Matrix"]));
        Assert.False(Watched(alice["Inception"]));
        Assert.Equal(0, alice["Inception"].GetProperty("progressMs").GetInt64());
        Assert.Empty(main);
        Assert.Empty(bob);
    }

    [Fact]
    public async Task Sync_all_carries_each_persons_state_to_their_own_user_and_never_to_anyone_else()
    {
        await using var s = await TwoIdentityServers.StartAsync();

        var sync = await s.RunAsync(0, "state:sync", "--all");

        var headings = sync.Out.Split('\n').Where(l => l.StartsWith("== identity ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["== identity main ==", "== identity alice ==", "== identity bob =="], headings);

        // Alice's watched movie reached Alice on Emby, and nobody else on either server.
        Assert.True(s.PlayedOnEmby("alice", "The Matrix"));
        Assert.False(s.PlayedOnEmby("admin", "The Matrix"));
        Assert.False(s.PlayedOnEmby("bob", "The Matrix"));
        Assert.False(s.PlayedOnJellyfin("admin", "The Matrix"));
        Assert.False(s.PlayedOnJellyfin("bob", "The Matrix"));

        // The admin's watched movie went to the admin only; Bob's resume position to Bob only.
        Assert.True(s.PlayedOnEmby("admin", "Inception"));
        Assert.False(s.PlayedOnEmby("alice", "Inception"));
        Assert.False(s.PlayedOnEmby("bob", "Inception"));
        Assert.Equal(TimeSpan.FromMinutes(30), s.PositionOnEmby("bob", "Inception"));
        Assert.Equal(TimeSpan.Zero, s.PositionOnEmby("alice", "Inception"));
        Assert.Equal(TimeSpan.Zero, s.PositionOnEmby("admin", "Inception"));

        // Bob's movie watched on Emby travelled the other way, to Bob on Jellyfin only.
        Assert.True(s.PlayedOnJellyfin("bob", "Alien"));
        Assert.False(s.PlayedOnJellyfin("alice", "Alien"));
        Assert.False(s.PlayedOnJellyfin("admin", "Alien"));

        var again = await s.RunAsync(0, "state:sync", "--all");
        Assert.Equal(3, again.Out.Split('\n').Count(l => l.Contains("Nothing to write", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task History_as_an_identity_shows_only_that_identitys_items()
    {
        await using var s = await TwoIdentityServers.StartAsync();
        await s.RunAsync(0, "state:import", "--all");

        var bob = await s.ItemsAsync("bob");
        var alice = await s.ItemsAsync("alice");
        var all = await s.RunAsync(0, "history:list", "--all", "--limit", "0", "-o", "json");
        var grouped = JsonDocument.Parse(all.Out).RootElement;
        var aliceMatrix = alice["The Matrix"].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var shownAsAlice = await s.RunAsync(0, "history:show", aliceMatrix, "-u", "alice", "-o", "json");
        var shownAsBob = await s.Cli.RunAsync("history:show", aliceMatrix, "-u", "bob");

        Assert.True(Watched(bob["Alien"]));
        Assert.False(Watched(bob["The Matrix"]));
        Assert.Equal(30 * 60 * 1000, bob["Inception"].GetProperty("progressMs").GetInt64());
        Assert.True(Watched(alice["The Matrix"]));
        Assert.False(Watched(alice["Alien"]));
        Assert.Equal(["main", "alice", "bob"], grouped.EnumerateObject().Select(p => p.Name));
        Assert.All(grouped.EnumerateObject(), p => Assert.Equal(3, p.Value.GetArrayLength()));
        Assert.True(JsonDocument.Parse(shownAsAlice.Out).RootElement.GetProperty("item").GetProperty("watched").GetBoolean());
        Assert.Equal(1, shownAsBob.ExitCode);
        Assert.Contains("for identity 'bob'", shownAsBob.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_as_one_identity_writes_only_to_its_own_users()
    {
        await using var s = await TwoIdentityServers.StartAsync();
        await s.RunAsync(0, "state:import", "--all");

        var export = await s.RunAsync(0, "state:export", "-u", "bob", "-o", "json");

        var plan = JsonDocument.Parse(export.Out).RootElement.GetProperty("plan").EnumerateArray().ToArray();
        Assert.Equal(2, plan.Length);
        Assert.True(s.PlayedOnJellyfin("bob", "Alien"));
        Assert.Equal(TimeSpan.FromMinutes(30), s.PositionOnEmby("bob", "Inception"));
        Assert.False(s.PlayedOnEmby("alice", "The Matrix"));
        Assert.False(s.PlayedOnEmby("admin", "Inception"));
        var bobOnJellyfin = s.Jellyfin.UserIdOf("bob");
        var bobOnEmby = s.Emby.UserIdOf("bob");
        Assert.All(s.Jellyfin.Writes, w => Assert.Contains(bobOnJellyfin, w, StringComparison.Ordinal));
        Assert.All(s.Emby.Writes, w => Assert.Contains(bobOnEmby, w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_all_a_broken_identity_file_is_reported_and_the_identities_after_it_still_run()
    {
        await using var s = await TwoIdentityServers.StartAsync();
        var annDir = Path.Combine(s.Cli.Data.Paths.ConfigDir, "users", "ann");
        Directory.CreateDirectory(annDir);
        await File.WriteAllTextAsync(Path.Combine(annDir, "servers.yaml"), "jf: [not, a, backend", TestContext.Current.CancellationToken);

        var import = await s.Cli.RunAsync("state:import", "--all");
        var bob = await s.ItemsAsync("bob");

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("ann: config/users/ann/servers.yaml", import.Error, StringComparison.Ordinal);
        Assert.Contains("== identity bob ==", import.Out, StringComparison.Ordinal);
        Assert.True(Watched(bob["Alien"]));
    }

    [Fact]
    public async Task An_unknown_identity_or_a_user_with_all_is_refused_before_any_work()
    {
        await using var s = await TwoIdentityServers.StartAsync();

        var unknown = await s.Cli.RunAsync("state:import", "-u", "carol");
        var both = await s.Cli.RunAsync("state:sync", "-u", "alice", "--all");
        var unknownHistory = await s.Cli.RunAsync("history:list", "--user", "carol");
        var backendAddStillTakesAnUrl = await s.Cli.RunAsync("backend:add", "--help");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no identity 'carol'; known: main, alice, bob", unknown.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("-u/--user and --all exclude each other", both.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknownHistory.ExitCode);
        Assert.Contains("no identity 'carol'", unknownHistory.Error, StringComparison.Ordinal);
        Assert.Matches(@"-u, --url", backendAddStillTakesAnUrl.Out);
        Assert.Empty(s.Jellyfin.Writes);
        Assert.Empty(await s.ItemsAsync("alice"));
    }
}
