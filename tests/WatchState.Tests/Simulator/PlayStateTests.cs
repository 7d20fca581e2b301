using System.Net;
using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator;

/// <summary>Mark played/unplayed and user-data writes, replayed in the order of the real capture (jellyfin-real/13–24).</summary>
public sealed class PlayStateTests
{
    private const string RecordedMatrixId = "7169f8999aa899abac908d9b38defe57";

    [Fact]
    public async Task The_recorded_userdata_sequence_is_reproduced()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-24T09:27:58.8063298Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sim = await Sim.StartAsync(clock: clock);
        using var client = Sim.Client(sim);
        var matrix = sim.ItemIdOf("The Matrix");
        var legacy = $"Users/{sim.AdminUserId}/Items/{matrix}/UserData";
        var modern = $"UserItems/{matrix}/UserData?userId={sim.AdminUserId}";

        AssertRecorded("13-userdata-0-initial.json", await client.GetJsonAsync(legacy), matrix);

        AssertRecorded("14-mark-played-legacy-response.json",
            await client.SendJsonAsync(HttpMethod.Post, $"Users/{sim.AdminUserId}/PlayedItems/{matrix}"), matrix);
        AssertRecorded("15-userdata-1-after-played.json", await client.GetJsonAsync(legacy), matrix);

        AssertRecorded("16-mark-unplayed-legacy-response.json",
            await client.SendJsonAsync(HttpMethod.Delete, $"Users/{sim.AdminUserId}/PlayedItems/{matrix}"), matrix);
        AssertRecorded("17-userdata-2-after-unplayed.json", await client.GetJsonAsync(legacy), matrix);

        clock.Now = clock.Now.AddTicks(1_175_595);
        AssertRecorded("18-mark-played-new-route-response.json",
            await client.SendJsonAsync(HttpMethod.Post, $"UserPlayedItems/{matrix}?userId={sim.AdminUserId}"), matrix);
        AssertRecorded("19-mark-unplayed-new-route-response.json",
            await client.SendJsonAsync(HttpMethod.Delete, $"UserPlayedItems/{matrix}?userId={sim.AdminUserId}"), matrix);

        AssertRecorded("20-set-userdata-position-response.json",
            await client.SendJsonAsync(HttpMethod.Post, legacy, """{"PlaybackPositionTicks":5000000}"""), matrix);
        AssertRecorded("21-userdata-3-after-set-position.json", await client.GetJsonAsync(legacy), matrix);

        AssertRecorded("22-set-userdata-played-playcount-lastplayed-response.json",
            await client.SendJsonAsync(HttpMethod.Post, modern,
                """{"PlaybackPositionTicks":0,"Played":true,"PlayCount":3,"LastPlayedDate":"2024-01-02T03:04:05Z"}"""), matrix);
        AssertRecorded("23-userdata-4-after-set-played-via-userdata.json", await client.GetJsonAsync(modern), matrix);

        AssertRecorded("24-set-userdata-reset-response.json",
            await client.SendJsonAsync(HttpMethod.Post, modern, """{"Played":false,"PlayCount":0,"PlaybackPositionTicks":0}"""), matrix);
    }

    [Theory]
    [InlineData("2024-01-05T18:21:00Z")]
    [InlineData("2024-01-05T18:21:00%2B00:00")]
    [InlineData("20240105182100")]
    public async Task Mark_played_with_a_date_keeps_that_date_and_counts_a_play(string datePlayed)
    {
        await using var sim = await Sim.StartAsync("""movie "Seen" 2000 played=2023-01-01T00:00:00Z playcount=2 progress=10m""");
        using var client = Sim.Client(sim);
        var id = sim.ItemIdOf("Seen");

        var data = await client.SendJsonAsync(HttpMethod.Post, $"Users/{sim.AdminUserId}/PlayedItems/{id}?DatePlayed={datePlayed}");

        Assert.Equal("2024-01-05T18:21:00.0000000Z", data.GetProperty("LastPlayedDate").GetString());
        Assert.Equal(3, data.GetProperty("PlayCount").GetInt32());
        Assert.Equal(0, data.GetProperty("PlaybackPositionTicks").GetInt64());
    }

    [Fact]
    public async Task Mark_played_without_a_date_keeps_an_earlier_date_and_the_count()
    {
        await using var sim = await Sim.StartAsync("""movie "Seen" 2000 lastplayed=2023-01-01T00:00:00Z playcount=4""");
        using var client = Sim.Client(sim);

        var data = await client.SendJsonAsync(HttpMethod.Post, $"Users/{sim.AdminUserId}/PlayedItems/{sim.ItemIdOf("Seen")}");

        Assert.Equal("2023-01-01T00:00:00.0000000Z", data.GetProperty("LastPlayedDate").GetString());
        Assert.Equal(4, data.GetProperty("PlayCount").GetInt32());
    }

    [Fact]
    public async Task An_unparsable_date_is_a_bad_request()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        using var response = await client.PostAsync(
            new Uri($"Users/{sim.AdminUserId}/PlayedItems/{sim.ItemIdOf("The Matrix")}?DatePlayed=yesterday", UriKind.Relative), null, Sim.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(sim.GetPlayState(sim.AdminUserId, sim.ItemIdOf("The Matrix")).Played);
    }

    [Fact]
    public async Task Numbers_sent_as_strings_are_accepted_in_userdata()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        var id = sim.ItemIdOf("Inception");

        await client.SendJsonAsync(HttpMethod.Post, $"Users/{sim.AdminUserId}/Items/{id}/UserData",
            """{"PlaybackPositionTicks":"27000000000","LastPlayedDate":"2024-01-05T18:21:00+00:00"}""");

        var state = sim.GetPlayState(sim.AdminUserId, id);
        Assert.Equal(TimeSpan.FromMinutes(45), state.Position);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 18, 21, 0, TimeSpan.Zero), state.LastPlayed);
        Assert.False(state.Played);
    }

    [Fact]
    public async Task Users_keep_independent_state()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        var matrix = sim.ItemIdOf("The Matrix");
        var alice = sim.UserIdOf("alice");

        await client.SendJsonAsync(HttpMethod.Post, $"Users/{sim.AdminUserId}/PlayedItems/{matrix}?DatePlayed=2024-01-02T03:04:05Z");

        var adminData = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items/{matrix}/UserData");
        var aliceData = await client.GetJsonAsync($"Users/{alice}/Items/{matrix}/UserData");
        AssertRecorded("35-multiuser-admin-userdata-matrix-played.json", adminData, matrix);
        AssertRecorded("36-multiuser-alice-userdata-matrix.json", aliceData, matrix);
        var alicePlayed = await client.GetJsonAsync($"Users/{alice}/Items?Recursive=true&IncludeItemTypes=Movie,Episode&IsPlayed=true");
        Assert.Equal(0, alicePlayed.GetProperty("TotalRecordCount").GetInt32());
    }

    [Fact]
    public async Task Marking_a_series_played_marks_every_episode_and_the_folder_counts_follow()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        var series = sim.ItemIdOf("Breaking Bad");

        sim.MarkPlayed(sim.AdminUserId, sim.ItemIdOf("Breaking Bad S01E01"), null);
        var half = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items/{series}/UserData");
        await client.SendJsonAsync(HttpMethod.Post, $"Users/{sim.AdminUserId}/PlayedItems/{series}");
        var full = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items/{series}/UserData");

        Assert.Equal(50, half.GetProperty("PlayedPercentage").GetDouble());
        Assert.Equal(1, half.GetProperty("UnplayedItemCount").GetInt32());
        Assert.False(half.GetProperty("Played").GetBoolean());
        Assert.Equal(0, full.GetProperty("UnplayedItemCount").GetInt32());
        Assert.True(full.GetProperty("Played").GetBoolean());
        Assert.True(sim.GetPlayState(sim.AdminUserId, sim.ItemIdOf("Breaking Bad S01E02")).Played);
    }

    [Fact]
    public async Task Library_state_is_served_and_helpers_change_it_like_the_server()
    {
        const string library = """
            movie "A" 2000 played=2024-01-05T18:21:00Z
            movie "B" 2000 played                      # played without a date
            movie "C" 2000 progress=45m runtime=2h
            """;
        await using var sim = await Sim.StartAsync(library);
        using var client = Sim.Client(sim);

        var page = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items?Recursive=true&IncludeItemTypes=Movie");
        var data = page.Items().ToDictionary(i => i.GetProperty("Name").GetString()!, i => i.GetProperty("UserData"));
        Assert.Equal("2024-01-05T18:21:00.0000000Z", data["A"].GetProperty("LastPlayedDate").GetString());
        Assert.True(data["B"].GetProperty("Played").GetBoolean());
        Assert.False(data["B"].TryGetProperty("LastPlayedDate", out _));
        Assert.Equal(27_000_000_000, data["C"].GetProperty("PlaybackPositionTicks").GetInt64());
        Assert.Equal(37.5, data["C"].GetProperty("PlayedPercentage").GetDouble());

        sim.MarkUnplayed(sim.AdminUserId, sim.ItemIdOf("A"));
        sim.SetPosition(sim.AdminUserId, sim.ItemIdOf("B"), TimeSpan.FromMinutes(1));
        Assert.Equal(new SimPlayState(), sim.GetPlayState(sim.AdminUserId, sim.ItemIdOf("A")));
        Assert.Equal(TimeSpan.FromMinutes(1), sim.GetPlayState(sim.AdminUserId, sim.ItemIdOf("B")).Position);
        Assert.True(sim.GetPlayState(sim.AdminUserId, sim.ItemIdOf("B")).Played);
    }

    [Fact]
    public async Task Rescan_keeps_state_and_bumps_the_date_unless_the_file_is_replaced()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var sim = await Sim.StartAsync("""
            movie "Kept" 2000 played=2024-01-05T18:21:00Z added=2020-01-01T00:00:00Z
            movie "Replaced" 2000 played=2024-01-05T18:21:00Z added=2020-01-01T00:00:00Z
            """, clock: clock);
        using var client = Sim.Client(sim);
        var kept = sim.ItemIdOf("Kept");
        var replaced = sim.ItemIdOf("Replaced");

        Assert.Equal(kept, sim.Rescan(kept, newId: false));
        clock.Now = clock.Now.AddMinutes(1);
        var newId = sim.Rescan(replaced, newId: true);

        Assert.NotEqual(replaced, newId);
        Assert.Equal(newId, sim.ItemIdOf("Replaced"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusAsync($"Users/{sim.AdminUserId}/Items/{replaced}"));
        var keptItem = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items/{kept}");
        Assert.True(keptItem.GetProperty("UserData").GetProperty("Played").GetBoolean());
        Assert.Equal("2025-03-01T12:00:00.0000000Z", keptItem.GetProperty("DateCreated").GetString());
        var newItem = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items/{newId}");
        Assert.False(newItem.GetProperty("UserData").GetProperty("Played").GetBoolean());
        var byDate = await client.GetJsonAsync($"Items?userId={sim.AdminUserId}&Recursive=true&SortBy=DateCreated&SortOrder=Ascending");
        Assert.Equal([kept, newId], byDate.Items().Select(i => i.GetProperty("Id").GetString()));
    }

    /// <summary>The recorded body, byte for byte, once the recorded item id is swapped for ours.</summary>
    private static void AssertRecorded(string fixture, JsonElement actual, string itemId)
    {
        var expected = Fixtures.Read("jellyfin-real/" + fixture).Trim().Replace(RecordedMatrixId, itemId, StringComparison.Ordinal);
        Assert.Equal(expected, actual.GetRawText());
    }
}
