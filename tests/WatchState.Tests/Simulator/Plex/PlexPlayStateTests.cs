using System.Net;
using System.Text.Json;

namespace WatchState.Tests.Simulator.Plex;

/// <summary>Play state belongs to the token's user and changes the way PMS changes it.</summary>
public sealed class PlexPlayStateTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<JsonElement> ItemAsync(HttpClient client, string ratingKey) =>
        (await client.ContainerAsync($"library/metadata/{ratingKey}?includeGuids=1")).Item();

    [Fact]
    public async Task EachTokenSeesItsOwnUsersState()
    {
        await using var sim = await PlexSim.StartAsync();
        var key = sim.RatingKeyOf("Breaking Bad S01E02");
        using var admin = PlexSim.Client(sim);
        using var alice = PlexSim.Client(sim, sim.TokenOf("alice"));
        Assert.NotEqual(sim.AdminToken, sim.TokenOf("alice"));
        Assert.Equal(sim.AdminToken, sim.TokenOf("admin"));
        var mine = await ItemAsync(admin, key);
        var hers = await ItemAsync(alice, key);
        Assert.Equal(1_200_000, mine.GetProperty("viewOffset").GetInt64());
        Assert.False(mine.TryGetProperty("viewCount", out _));
        Assert.Equal(1, hers.GetProperty("viewCount").GetInt32());
        Assert.False(hers.TryGetProperty("viewOffset", out _));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task ScrobbleCountsAViewNowAndClearsTheResumePoint(string method)
    {
        var clock = new ManualClock(Now);
        await using var sim = await PlexSim.StartAsync(clock: clock);
        var key = sim.RatingKeyOf("Breaking Bad S01E02");
        using var admin = PlexSim.Client(sim);
        using var alice = PlexSim.Client(sim, sim.TokenOf("alice"));
        var status = await admin.SendAsync(new HttpMethod(method), $":/scrobble?identifier=com.plexapp.plugins.library&key={key}");
        Assert.Equal(HttpStatusCode.OK, status);
        var item = await ItemAsync(admin, key);
        Assert.Equal(1, item.GetProperty("viewCount").GetInt32());
        Assert.Equal(Now.ToUnixTimeSeconds(), item.GetProperty("lastViewedAt").GetInt64());
        Assert.False(item.TryGetProperty("viewOffset", out _));
        clock.Now = Now.AddHours(1);
        await admin.SendAsync(new HttpMethod(method), $":/scrobble?identifier=com.plexapp.plugins.library&key={key}");
        item = await ItemAsync(admin, key);
        Assert.Equal(2, item.GetProperty("viewCount").GetInt32());
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds(), item.GetProperty("lastViewedAt").GetInt64());
        var hers = await ItemAsync(alice, key);
        Assert.Equal(1, hers.GetProperty("viewCount").GetInt32());
    }

    [Fact]
    public async Task UnscrobbleRemovesCountDateAndResumePoint()
    {
        await using var sim = await PlexSim.StartAsync();
        using var admin = PlexSim.Client(sim);
        var key = sim.RatingKeyOf("Seen Twice");
        Assert.Equal(HttpStatusCode.OK, await admin.SendAsync(HttpMethod.Get, $":/unscrobble?identifier=com.plexapp.plugins.library&key={key}"));
        var item = await ItemAsync(admin, key);
        Assert.False(item.TryGetProperty("viewCount", out _));
        Assert.False(item.TryGetProperty("lastViewedAt", out _));
        Assert.False(item.TryGetProperty("viewOffset", out _));
    }

    [Fact]
    public async Task ScrobbleNeedsTheIdentifierAndAKnownKey()
    {
        await using var sim = await PlexSim.StartAsync();
        using var admin = PlexSim.Client(sim);
        var key = sim.RatingKeyOf("Ferengi");
        Assert.Equal(HttpStatusCode.BadRequest, await admin.SendAsync(HttpMethod.Get, $":/scrobble?key={key}"));
        Assert.Equal(HttpStatusCode.NotFound, await admin.SendAsync(HttpMethod.Get, ":/unscrobble?identifier=com.plexapp.plugins.library&key=424242"));
        Assert.False((await ItemAsync(admin, key)).TryGetProperty("viewCount", out _));
    }

    [Fact]
    public async Task StoppedTimelineSetsTheResumePointForThatUserOnly()
    {
        var clock = new ManualClock(Now);
        await using var sim = await PlexSim.StartAsync(clock: clock);
        var key = sim.RatingKeyOf("Ferengi");
        using var alice = PlexSim.Client(sim, sim.TokenOf("alice"));
        using var admin = PlexSim.Client(sim);
        var url = $":/timeline/?ratingKey={key}&key=/library/metadata/{key}&identifier=com.plexapp.plugins.library&state=stopped&time=61000&duration=7200000";
        using var response = await alice.PostAsync(new Uri(url, UriKind.Relative), null, PlexSim.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(PlexSim.Ct));
        JsonShape.AssertSame(PlexSim.Fixture("spec-example.timeline.json"), body.RootElement.GetProperty("MediaContainer"));
        var hers = await ItemAsync(alice, key);
        Assert.Equal(61_000, hers.GetProperty("viewOffset").GetInt64());
        Assert.Equal(Now.ToUnixTimeSeconds(), hers.GetProperty("lastViewedAt").GetInt64());
        Assert.False((await ItemAsync(admin, key)).TryGetProperty("viewOffset", out _));
    }

    [Fact]
    public async Task TimelineWithoutDurationChangesNothing()
    {
        await using var sim = await PlexSim.StartAsync();
        var key = sim.RatingKeyOf("Ferengi");
        using var admin = PlexSim.Client(sim);
        using var response = await admin.PostAsync(new Uri($":/timeline?ratingKey={key}&identifier=com.plexapp.plugins.library&state=stopped&time=5000", UriKind.Relative), null, PlexSim.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await ItemAsync(admin, key)).TryGetProperty("viewOffset", out _));
    }

    [Fact]
    public async Task HelperMethodsChangeStateLikeTheEndpoints()
    {
        var clock = new ManualClock(Now);
        await using var sim = await PlexSim.StartAsync(clock: clock);
        var key = sim.RatingKeyOf("Ferengi");
        using var bob = PlexSim.Client(sim, sim.TokenOf("bob"));
        sim.SetProgress("bob", key, TimeSpan.FromMinutes(3));
        Assert.Equal(180_000, (await ItemAsync(bob, key)).GetProperty("viewOffset").GetInt64());
        sim.Scrobble("bob", key);
        var item = await ItemAsync(bob, key);
        Assert.Equal(1, item.GetProperty("viewCount").GetInt32());
        Assert.False(item.TryGetProperty("viewOffset", out _));
        sim.Unscrobble("bob", key);
        Assert.False((await ItemAsync(bob, key)).TryGetProperty("viewCount", out _));
    }
}
