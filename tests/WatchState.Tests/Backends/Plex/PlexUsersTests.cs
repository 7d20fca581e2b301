using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Simulator;

namespace WatchState.Tests.Backends.Plex;

/// <summary>Users and per-user tokens through plex.tv, against the Plex and plex.tv simulators.</summary>
public class PlexUsersTests
{
    // alice and kid are Home profiles (kid protected by a PIN), bob is a friend the server is shared with.
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z @alice:progress=20m @bob:played=2024-03-01T00:00:00Z @kid:progress=5m
        movie "Alien" 1979 imdb=tt0078748
        """;

    private static readonly PlexTvSimulatorOptions Household = new()
    {
        SharedUsers = ["bob"],
        Pins = new Dictionary<string, string> { ["kid"] = "1234" },
    };

    private static CancellationToken Ct => PlexHarness.Ct;

    [Fact]
    public async Task The_owner_token_lists_the_owner_home_profiles_and_shared_users_with_plex_tv_ids()
    {
        await using var h = await PlexHarness.StartAsync(Library, plexTv: Household);

        var users = await h.Client().GetUsersAsync(Ct);

        var owner = Assert.Single(users, u => u.IsAdmin);
        Assert.Equal(("11111111", "admin", "owner"), (owner.Id, owner.Name, owner.Kind));
        Assert.Equal("home", Assert.Single(users, u => u.Name == "alice").Kind);
        var kid = Assert.Single(users, u => u.Name == "kid");
        Assert.True(kid.NeedsPin);
        Assert.Matches("^[0-9a-f]{16}$", kid.Uuid);
        var bob = Assert.Single(users, u => u.Name == "bob");
        Assert.Equal("shared", bob.Kind);
        Assert.False(bob.NeedsPin);
        Assert.Equal(4, users.Count);
        Assert.Equal(TokenScopeKind.Admin, (await h.Client().GetTokenScopeAsync(Ct)).Kind);
    }

    [Fact]
    public async Task A_limited_token_is_told_apart_and_cannot_list_users()
    {
        await using var h = await PlexHarness.StartAsync(Library, plexTv: Household);
        var alice = h.Client(token: h.Sim.TokenOf("alice"));

        var scope = await alice.GetTokenScopeAsync(Ct);
        var error = await Assert.ThrowsAsync<UsersUnavailableException>(() => alice.GetUsersAsync(Ct));

        Assert.Equal(TokenScopeKind.Limited, scope.Kind);
        Assert.Contains("limited token", error.Message, StringComparison.Ordinal);
        Assert.Contains("user id by hand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_plex_tv_is_unreachable_the_servers_local_accounts_are_listed()
    {
        await using var h = await PlexHarness.StartAsync(Library, plexTv: Household);
        h.PlexTv.Faults.Down = true;

        var scope = await h.Client().GetTokenScopeAsync(Ct);
        var users = await h.Client().GetUsersAsync(Ct);

        Assert.Equal(TokenScopeKind.Unknown, scope.Kind);
        Assert.Contains("plex.tv", scope.Reason, StringComparison.Ordinal);
        Assert.Equal("1", Assert.Single(users, u => u.IsAdmin).Id);
        Assert.Contains(users, u => u.Name == "alice");
    }

    [Fact]
    public async Task A_home_profiles_token_is_obtained_by_switching_and_reads_that_users_play_state()
    {
        await using var h = await PlexHarness.StartAsync(Library, plexTv: Household);
        var owner = h.Client();
        var alice = Assert.Single(await owner.GetUsersAsync(Ct), u => u.Name == "alice");

        var access = await owner.GetUserAccessAsync(alice, pin: null, Ct);

        Assert.Equal(h.Sim.TokenOf("alice"), access.Token);
        Assert.Equal(h.Sim.AdminToken, access.Options[PlexOptions.AdminToken]);
        Assert.Equal(alice.Uuid, access.Options[PlexOptions.UserUuid]);
        Assert.Equal("alice", access.Options[PlexOptions.UserName]);
        Assert.Contains(h.PlexTv.RequestLog, line => line.StartsWith($"POST /api/v2/home/users/{alice.Uuid}/switch", StringComparison.Ordinal));
        var matrix = await FirstMovieAsync(h.Client(token: access.Token), "The Matrix");
        Assert.False(matrix.Played);
        Assert.Equal((long)TimeSpan.FromMinutes(20).TotalMilliseconds, matrix.ProgressMs);
    }

    [Fact]
    public async Task A_protected_profile_needs_its_pin_and_plex_tvs_reason_is_shown_for_a_wrong_one()
    {
        await using var h = await PlexHarness.StartAsync(Library, plexTv: Household);
        var owner = h.Client();
        var kid = Assert.Single(await owner.GetUsersAsync(Ct), u => u.Name == "kid");

        var missing = await Assert.ThrowsAsync<PlexException>(() => owner.GetUserAccessAsync(kid, pin: null, Ct));
        var wrong = await Assert.ThrowsAsync<PlexException>(() => owner.GetUserAccessAsync(kid, pin: "9999", Ct));
        var access = await owner.GetUserAccessAsync(kid, pin: "1234", Ct);

        Assert.Contains("--pin", missing.Message, StringComparison.Ordinal);
        Assert.Contains("A valid PIN is required", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(403, wrong.StatusCode);
        Assert.Equal(h.Sim.TokenOf("kid"), access.Token);
        Assert.Equal("1234", access.Options[PlexOptions.UserPin]);
    }

    [Fact]
    public async Task A_shared_users_token_comes_from_the_servers_shares()
    {
        await using var h = await PlexHarness.StartAsync(Library, plexTv: Household);
        var owner = h.Client();
        var bob = Assert.Single(await owner.GetUsersAsync(Ct), u => u.Name == "bob");

        var access = await owner.GetUserAccessAsync(bob, pin: null, Ct);

        Assert.Equal(h.Sim.TokenOf("bob"), access.Token);
        Assert.Equal("true", access.Options[PlexOptions.ExternalUser]);
        Assert.Contains(h.PlexTv.RequestLog, line => line.Contains("/shared_servers", StringComparison.Ordinal));
        Assert.True((await FirstMovieAsync(h.Client(token: access.Token), "The Matrix")).Played);
    }

    [Fact]
    public async Task The_owner_keeps_the_admin_token_and_no_copy_of_it_in_options()
    {
        await using var h = await PlexHarness.StartAsync(Library, plexTv: Household);
        var owner = h.Client();
        var admin = Assert.Single(await owner.GetUsersAsync(Ct), u => u.IsAdmin);

        var access = await owner.GetUserAccessAsync(admin, pin: null, Ct);

        Assert.Equal(h.Sim.AdminToken, access.Token);
        Assert.False(access.Options.ContainsKey(PlexOptions.AdminToken));
    }

    private static async Task<WatchState.Domain.Observation> FirstMovieAsync(PlexClient client, string title)
    {
        var movies = (await client.GetLibrariesAsync(Ct)).First(l => l.Kind == LibraryKind.Movies);
        await foreach (var page in client.StreamItemsAsync(movies, Ct))
        {
            if (page.Items.FirstOrDefault(i => i.Title == title) is { } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException($"no movie '{title}'");
    }
}
