using System.Net;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator;

/// <summary>The simulator's playing sessions and the write rules export depends on.</summary>
public class SessionAndWriteTests
{
    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin, "jellyfin/sessions.json")]
    [InlineData(MediaBrowserFlavor.Emby, "emby/sessions.json")]
    public async Task A_started_session_is_listed_in_the_servers_shape(MediaBrowserFlavor flavor, string fixture)
    {
        await using var sim = await Sim.StartAsync(flavor: flavor);
        using var client = Sim.Client(sim);
        var matrix = sim.ItemIdOf("The Matrix");
        sim.StartPlaying(sim.AdminUserId, matrix, TimeSpan.FromMinutes(1));

        var sessions = await client.GetJsonAsync("Sessions");

        var session = Assert.Single(sessions.EnumerateArray());
        JsonShape.AssertSubset(Sim.Fixture(fixture)[0], session);
        Assert.Equal(sim.AdminUserId, session.GetProperty("UserId").GetString());
        Assert.Equal(matrix, session.GetProperty("NowPlayingItem").GetProperty("Id").GetString());
        Assert.Equal(TimeSpan.FromMinutes(1).Ticks, session.GetProperty("PlayState").GetProperty("PositionTicks").GetInt64());
    }

    [Fact]
    public async Task A_user_token_sees_only_that_users_sessions()
    {
        await using var sim = await Sim.StartAsync();
        var alice = sim.UserIdOf("alice");
        sim.StartPlaying(sim.AdminUserId, sim.ItemIdOf("The Matrix"));
        sim.StartPlaying(alice, sim.ItemIdOf("Inception"));
        using var admin = Sim.Client(sim);
        using var aliceClient = Sim.Anonymous(sim);
        aliceClient.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"MediaBrowser Token=\"{await LoginAsync(sim, "alice")}\"");

        Assert.Equal(2, (await admin.GetJsonAsync("Sessions")).GetArrayLength());
        var own = Assert.Single((await aliceClient.GetJsonAsync("Sessions")).EnumerateArray());
        Assert.Equal(alice, own.GetProperty("UserId").GetString());
    }

    [Fact]
    public async Task Emby_refuses_an_iso_date_played_and_a_progress_report_without_media_source()
    {
        await using var sim = await Sim.StartAsync(flavor: MediaBrowserFlavor.Emby);
        using var client = Sim.Client(sim);
        var id = sim.ItemIdOf("The Matrix");

        using var iso = await client.PostAsync(new Uri($"Users/{sim.AdminUserId}/PlayedItems/{id}?DatePlayed=2024-01-05T18:21:00Z", UriKind.Relative), null, Sim.Ct);
        using var noSource = await client.PostAsync(new Uri($"Users/{sim.AdminUserId}/PlayingItems/{id}/Progress?PositionTicks=0", UriKind.Relative), null, Sim.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, iso.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSource.StatusCode);
        Assert.False(sim.GetPlayState(sim.AdminUserId, id).Played);
        Assert.Equal(2, sim.Writes.Count);
    }

    [Fact]
    public async Task Reads_are_not_counted_as_writes()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items?Ids={sim.ItemIdOf("The Matrix")}");
        await LoginAsync(sim, "alice");

        Assert.Empty(sim.Writes);
        await client.SendJsonAsync(HttpMethod.Delete, $"Users/{sim.AdminUserId}/PlayedItems/{sim.ItemIdOf("The Matrix")}");
        Assert.Single(sim.Writes);
    }

    private static async Task<string> LoginAsync(MediaBrowserSimulator sim, string name)
    {
        using var http = Sim.Anonymous(sim);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "MediaBrowser Client=\"tests\", Device=\"ci\", DeviceId=\"1\", Version=\"1\"");
        var body = await http.SendJsonAsync(HttpMethod.Post, "Users/AuthenticateByName", $$"""{"Username":"{{name}}","Pw":"{{name}}pass"}""");
        return body.GetProperty("AccessToken").GetString()!;
    }
}
