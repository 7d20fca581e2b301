using System.Globalization;
using WatchState.Simulator;
using WatchState.Tests.Simulator.Plex;

namespace WatchState.Tests.Simulator;

/// <summary>The server-side change filters an incremental import relies on, as the simulators answer them.</summary>
public sealed class ChangeFilterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static string Names(System.Text.Json.JsonElement page) =>
        string.Join(",", page.Items().Select(i => i.GetProperty("Name").GetString()).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData(MediaBrowserFlavor.Jellyfin, "")]
    [InlineData(MediaBrowserFlavor.Emby, "The Matrix")]
    public async Task Min_date_last_saved_for_user_counts_play_state_saves_on_emby_only(MediaBrowserFlavor flavor, string expected)
    {
        var clock = new ManualClock(Start);
        await using var sim = await Sim.StartAsync(flavor: flavor, clock: clock);
        using var client = Sim.Client(sim);
        clock.Now += TimeSpan.FromHours(1);
        sim.MarkPlayed(sim.AdminUserId, sim.ItemIdOf("The Matrix"), clock.Now);
        var since = Uri.EscapeDataString(Start.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        var page = await client.GetJsonAsync(
            $"Users/{sim.AdminUserId}/Items?Recursive=true&IncludeItemTypes=Movie,Episode&MinDateLastSavedForUser={since}");

        Assert.Equal(expected, Names(page));
    }

    [Fact]
    public async Task Min_date_last_saved_lists_items_added_or_rescanned_since()
    {
        var clock = new ManualClock(Start);
        await using var sim = await Sim.StartAsync(clock: clock);
        using var client = Sim.Client(sim);
        clock.Now += TimeSpan.FromHours(1);
        sim.Rescan(sim.ItemIdOf("Inception"), newId: false);
        var since = Uri.EscapeDataString(Start.AddMinutes(30).ToString("O", CultureInfo.InvariantCulture));

        var page = await client.GetJsonAsync(
            $"Users/{sim.AdminUserId}/Items?Recursive=true&IncludeItemTypes=Movie,Episode&MinDateLastSavedForUser={since}");

        Assert.Equal("Inception", Names(page));
    }

    [Fact]
    public async Task Sort_by_date_played_descending_puts_the_users_latest_plays_first_and_unplayed_last()
    {
        var clock = new ManualClock(Start);
        await using var sim = await Sim.StartAsync(clock: clock);
        using var client = Sim.Client(sim);
        sim.MarkPlayed(sim.AdminUserId, sim.ItemIdOf("Inception"), Start.AddDays(-2));
        sim.MarkPlayed(sim.AdminUserId, sim.ItemIdOf("The Matrix"), Start.AddDays(-1));
        sim.MarkPlayed(sim.UserIdOf("alice"), sim.ItemIdOf("Inception"), Start.AddDays(-3));

        var page = await client.GetJsonAsync(
            $"Users/{sim.AdminUserId}/Items?Recursive=true&IncludeItemTypes=Movie&SortBy=DatePlayed,SortName&SortOrder=Descending");
        var other = await client.GetJsonAsync(
            $"Users/{sim.UserIdOf("alice")}/Items?Recursive=true&IncludeItemTypes=Movie&SortBy=DatePlayed,SortName&SortOrder=Descending&Limit=1");

        Assert.Equal(["The Matrix", "Inception"], page.Items().Select(i => i.GetProperty("Name").GetString()));
        Assert.Equal("Inception", Assert.Single(other.Items()).GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Plex_last_viewed_after_lists_the_tokens_plays_and_progress_but_not_an_unwatch()
    {
        var clock = new ManualClock(Start);
        await using var sim = await PlexSim.StartAsync(clock: clock);
        using var client = PlexSim.Client(sim);
        clock.Now += TimeSpan.FromHours(1);
        sim.Scrobble("admin", sim.RatingKeyOf("Ferengi"));
        sim.SetProgress("admin", sim.RatingKeyOf("Breaking Bad S01E02"), TimeSpan.FromMinutes(5));
        sim.Unscrobble("admin", sim.RatingKeyOf("Seen Twice"));
        sim.Scrobble("alice", sim.RatingKeyOf("Seen Twice"));
        var after = Start.AddMinutes(30).ToUnixTimeSeconds();

        var movies = await client.ContainerAsync($"library/sections/1/all?type=1&lastViewedAt%3E%3E={after}");
        var episodes = await client.ContainerAsync($"library/sections/2/all?type=4&lastViewedAt%3E%3E={after}");
        var updated = await client.ContainerAsync($"library/sections/1/all?type=1&updatedAt%3E%3E={after}");

        Assert.Equal(["Ferengi"], movies.GetProperty("Metadata").EnumerateArray().Select(m => m.GetProperty("title").GetString()));
        Assert.Equal(1, episodes.GetProperty("totalSize").GetInt32());
        Assert.Equal(0, updated.GetProperty("totalSize").GetInt32());
    }
}
