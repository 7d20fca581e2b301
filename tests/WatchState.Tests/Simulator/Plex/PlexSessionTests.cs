using System.Net;

namespace WatchState.Tests.Simulator.Plex;

/// <summary>The Plex simulator's sessions, multi-key metadata and write log.</summary>
public class PlexSessionTests
{
    [Fact]
    public async Task A_started_session_is_listed_like_the_fixture_with_its_user()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var key = sim.RatingKeyOf("Ferengi");
        sim.StartPlaying("admin", key, TimeSpan.FromMinutes(2));

        var sessions = await client.ContainerAsync("status/sessions");

        var expected = PlexSim.Fixture("status-sessions.json").Item();
        var actual = sessions.Item();
        Assert.Equal(1, sessions.GetProperty("size").GetInt32());
        PlexSim.AssertSameNames(expected, actual);
        foreach (var child in new[] { "User", "Player", "Session" })
        {
            PlexSim.AssertSameNames(expected.GetProperty(child), actual.GetProperty(child));
        }

        Assert.Equal(key, actual.GetProperty("ratingKey").GetString());
        Assert.Equal(120_000, actual.GetProperty("viewOffset").GetInt64());
        Assert.Equal("1", actual.GetProperty("User").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Only_the_owner_token_sees_other_users_sessions()
    {
        await using var sim = await PlexSim.StartAsync();
        sim.StartPlaying("admin", sim.RatingKeyOf("Ferengi"));
        sim.StartPlaying("alice", sim.RatingKeyOf("Seen Twice"));
        using var owner = PlexSim.Client(sim);
        using var alice = PlexSim.Client(sim, sim.TokenOf("alice"));

        var all = await owner.ContainerAsync("status/sessions");
        var own = await alice.ContainerAsync("status/sessions");

        Assert.Equal(2, all.GetProperty("size").GetInt32());
        Assert.Equal(sim.RatingKeyOf("Seen Twice"), own.Item().GetProperty("ratingKey").GetString());
        Assert.Equal(sim.AccountIdOf("alice").ToString(System.Globalization.CultureInfo.InvariantCulture), own.Item().GetProperty("User").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Comma_separated_keys_return_the_known_items_and_none_known_is_404()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var ferengi = sim.RatingKeyOf("Ferengi");
        var pilot = sim.RatingKeyOf("Breaking Bad S01E01");

        var both = await client.ContainerAsync($"library/metadata/{ferengi},999999,{pilot}?includeGuids=1");

        Assert.Equal(2, both.GetProperty("size").GetInt32());
        Assert.NotNull(both.Find(ferengi));
        Assert.NotNull(both.Find(pilot));
        Assert.Equal(HttpStatusCode.NotFound, await client.SendAsync(HttpMethod.Get, "library/metadata/999998,999999"));
    }

    [Fact]
    public async Task Writes_list_only_play_state_calls()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var key = sim.RatingKeyOf("Ferengi");
        await client.ContainerAsync($"library/metadata/{key}");
        await client.ContainerAsync("status/sessions");
        Assert.Empty(sim.Writes);

        Assert.Equal(HttpStatusCode.OK, await client.SendAsync(HttpMethod.Get, $":/scrobble?identifier=com.plexapp.plugins.library&key={key}"));

        Assert.Equal([$"GET /:/scrobble?identifier=com.plexapp.plugins.library&key={key}"], sim.Writes);
        Assert.Equal(1, (await client.ContainerAsync($"library/metadata/{key}")).Item().GetProperty("viewCount").GetInt32());
    }
}
