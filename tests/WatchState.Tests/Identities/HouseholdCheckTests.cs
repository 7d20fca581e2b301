using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Tests.Webhooks;
using WatchState.Webhooks;

namespace WatchState.Tests.Identities;

/// <summary>
/// Issue 8's "How we will check", end to end through the command line and the running server: provisioning groups the
/// household with one mapping line; Alice watching on Plex marks the episode watched for her alone on Jellyfin and
/// Emby; Bob's resume position travels separately; every webhook lands in the identity of the user who played.
/// </summary>
public sealed class HouseholdCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_mapping_line_provisions_the_household_and_each_persons_plays_reach_only_their_own_users()
    {
        await using var h = await CheckedHousehold.StartAsync();

        // 1. Matching without a mapping: ally (alice on Plex) is left unmatched, not guessed.
        await File.WriteAllTextAsync(h.MapperPath, "map:\n", Ct);
        var before = await h.JsonAsync("identities:match");
        Assert.Equal(["jf:alice", "emby:alice"], Members(before, "alice", "name"));
        Assert.Equal(["jf:bob", "emby:bob", "plex:bob"], Sorted(Members(before, "bob", "name"), ["jf", "emby", "plex"]));
        Assert.Contains("plex:ally", Unmatched(before));
        Assert.Contains("plex:dave", Unmatched(before));

        // 2. One line in mapper.yaml, then provisioning groups them.
        await File.AppendAllTextAsync(h.MapperPath, "  - { jf: alice, plex: ally }\n", Ct);
        var provisioned = await h.JsonAsync("identities:provision");
        Assert.All(
            provisioned.GetProperty("identities").EnumerateArray().SelectMany(i => i.GetProperty("members").EnumerateArray()),
            m => Assert.Equal(JsonValueKind.Null, m.GetProperty("problem").ValueKind));
        await AssertServersFilesAsync(h);

        // 3. Import every identity, then serve.
        await h.RunAsync("state:import", "--all");
        await h.ServeAsync();
        var jfWatched = h.Jellyfin.ItemIdOf(CheckedHousehold.Watched);
        var embyWatched = h.Emby.ItemIdOf(CheckedHousehold.Watched);
        var plexWatched = h.Plex.RatingKeyOf(CheckedHousehold.Watched);
        Assert.All((await h.LocalStatesAsync(jfWatched)).Values, s => Assert.False(s.Watched));

        // 4. Alice (ally on Plex) watches the episode on Plex.
        var alicesScrobble = await PostAsync(h, PlexScrobble(h, h.Plex.AccountIdOf("ally")));
        Assert.True(
            await InProcessServe.EventuallyAsync(() => Task.FromResult(PlayedFor(h.Jellyfin, "alice", jfWatched) && PlayedFor(h.Emby, "alice", embyWatched))),
            Writes(h));
        Assert.Equal(InboxStatus.Applied, (await h.WhenDoneAsync(alicesScrobble))?.Status);
        foreach (var other in new[] { "admin", "bob", "carol" })
        {
            Assert.False(PlayedFor(h.Jellyfin, other, jfWatched), $"jf:{other}");
            Assert.False(PlayedFor(h.Emby, other, embyWatched), $"emby:{other}");
        }

        foreach (var other in new[] { "admin", "bob", "dave" })
        {
            Assert.False(h.Plex.GetPlayState(other, plexWatched).Played, $"plex:{other}");
        }

        var local = await h.LocalStatesAsync(jfWatched);
        Assert.Equal(["alice", "bob", "carol", "main"], local.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["alice"], local.Where(s => s.Value.Watched).Select(s => s.Key));

        // 5. Bob pauses the next episode on Jellyfin at 20 minutes.
        var jfResumed = h.Jellyfin.ItemIdOf(CheckedHousehold.Resumed);
        var embyResumed = h.Emby.ItemIdOf(CheckedHousehold.Resumed);
        var plexResumed = h.Plex.RatingKeyOf(CheckedHousehold.Resumed);
        var bobsPause = await PostAsync(h, JellyfinProgress(h, jfResumed, TimeSpan.FromMinutes(20)));
        var twenty = TimeSpan.FromMinutes(20);
        Assert.True(
            await InProcessServe.EventuallyAsync(() => Task.FromResult(
                h.Plex.GetPlayState("bob", plexResumed).Position == twenty
                && h.Emby.GetPlayState(h.Emby.UserIdOf("bob"), embyResumed).Position == twenty)),
            Writes(h));
        Assert.Equal(InboxStatus.Applied, (await h.WhenDoneAsync(bobsPause))?.Status);
        foreach (var (name, plexName, position) in new[] { ("admin", "admin", 5), ("alice", "ally", 10), ("carol", null, 0) })
        {
            Assert.Equal(TimeSpan.FromMinutes(position), h.Jellyfin.GetPlayState(h.Jellyfin.UserIdOf(name), jfResumed).Position);
            Assert.Equal(TimeSpan.FromMinutes(position), h.Emby.GetPlayState(h.Emby.UserIdOf(name), embyResumed).Position);
            if (plexName is not null)
            {
                Assert.Equal(TimeSpan.FromMinutes(position), h.Plex.GetPlayState(plexName, plexResumed).Position);
            }
        }

        Assert.Equal(TimeSpan.Zero, h.Plex.GetPlayState("dave", plexResumed).Position);
        var resumed = await h.LocalStatesAsync(jfResumed);
        Assert.Equal((long)twenty.TotalMilliseconds, resumed["bob"].ProgressMs);
        Assert.Equal((long)TimeSpan.FromMinutes(10).TotalMilliseconds, resumed["alice"].ProgressMs);
        Assert.Equal((long)TimeSpan.FromMinutes(5).TotalMilliseconds, resumed["main"].ProgressMs);

        // 6. Carol marks the movie played on Emby; then every event's identity as events:list shows it.
        var carolsMark = await PostAsync(h, EmbyMarkPlayed(h, "carol"));
        Assert.Equal(InboxStatus.Applied, (await h.WhenDoneAsync(carolsMark))?.Status);

        // Applied locally first; the push to her Jellyfin user follows.
        Assert.True(
            await InProcessServe.EventuallyAsync(() => Task.FromResult(PlayedFor(h.Jellyfin, "carol", h.Jellyfin.ItemIdOf("The Matrix")))),
            Writes(h));
        Assert.False(PlayedFor(h.Jellyfin, "bob", h.Jellyfin.ItemIdOf("The Matrix")));
        var events = (await h.JsonAsync("events:list")).EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetInt64(), e => e.GetProperty("identity").GetString());
        Assert.Equal("alice", events[alicesScrobble]);
        Assert.Equal("bob", events[bobsPause]);
        Assert.Equal("carol", events[carolsMark]);
    }

    private static async Task AssertServersFilesAsync(CheckedHousehold h)
    {
        var alice = await h.BackendsOfAsync("alice");
        Assert.Equal(["emby", "jf", "plex"], alice.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(h.Jellyfin.UserIdOf("alice"), alice["jf"].User);
        Assert.Equal(h.Emby.UserIdOf("alice"), alice["emby"].User);
        Assert.Equal(AccountOf(h, "ally"), alice["plex"].User);
        var bob = await h.BackendsOfAsync("bob");
        Assert.Equal(["emby", "jf", "plex"], bob.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(h.Jellyfin.UserIdOf("bob"), bob["jf"].User);
        Assert.Equal(h.Emby.UserIdOf("bob"), bob["emby"].User);
        Assert.Equal(AccountOf(h, "bob"), bob["plex"].User);
        var carol = await h.BackendsOfAsync("carol");
        Assert.Equal(["emby", "jf"], carol.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(h.Jellyfin.UserIdOf("carol"), carol["jf"].User);
        Assert.Equal(h.Emby.UserIdOf("carol"), carol["emby"].User);
        Assert.False(Directory.Exists(Path.Combine(h.Cli.Data.Paths.ConfigDir, "users", "dave")));
        Assert.False(Directory.Exists(Path.Combine(h.Cli.Data.Paths.ConfigDir, "users", "ally")));
    }

    private static List<string> Members(JsonElement match, string identity, string nameField) =>
        [.. match.GetProperty("identities").EnumerateArray().Single(i => i.GetProperty("name").GetString() == identity)
            .GetProperty("members").EnumerateArray()
            .Select(m => $"{m.GetProperty("backend").GetString()}:{m.GetProperty(nameField).GetString()}")];

    private static List<string> Sorted(List<string> members, string[] order) =>
        [.. members.OrderBy(m => Array.IndexOf(order, m.Split(':')[0]))];

    private static List<string> Unmatched(JsonElement match) =>
        [.. match.GetProperty("unmatched").EnumerateArray().Select(u => $"{u.GetProperty("backend").GetString()}:{u.GetProperty("name").GetString()}")];

    private static string AccountOf(CheckedHousehold h, string name) => h.Plex.AccountIdOf(name).ToString(CultureInfo.InvariantCulture);

    private static bool PlayedFor(MediaBrowserSimulator server, string user, string itemId) =>
        server.GetPlayState(server.UserIdOf(user), itemId).Played;

    /// <summary>Posts to the running server's webhook endpoint and returns the inbox id it answers with.</summary>
    private static async Task<long> PostAsync(CheckedHousehold h, WebhookRequest request)
    {
        using var response = await h.Serve.PostAsync(request);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    private static WebhookRequest PlexScrobble(CheckedHousehold h, long accountId) =>
        WebhookHarness.EditedPlex("webhook-media.scrobble-managed-user.json", j =>
        {
            j["Account"]!["id"] = accountId;
            j["Account"]!["title"] = "ally";
            j["Server"]!["uuid"] = h.Plex.MachineIdentifier;
            var m = j["Metadata"]!.AsObject();
            var key = h.Plex.RatingKeyOf(CheckedHousehold.Watched);
            m["ratingKey"] = key;
            m["key"] = "/library/metadata/" + key;
            m["grandparentTitle"] = "Breaking Bad";
            m["title"] = "Pilot";
            m["index"] = 1;
            m["parentIndex"] = 1;
            m["Guid"] = new JsonArray(new JsonObject { ["id"] = "imdb://tt0959621" }, new JsonObject { ["id"] = "tvdb://349232" });
            m["lastViewedAt"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        });

    private static WebhookRequest JellyfinProgress(CheckedHousehold h, string itemId, TimeSpan position) =>
        WebhookHarness.Edited("jellyfin-webhook-real/raw/28-UserDataSaved-PlaybackProgress-alice-s01e03-progress-120s.json", WebhookSamples.JellyfinAgent, j =>
        {
            var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            j["ServerId"] = h.Jellyfin.ServerId;
            j["ItemId"] = itemId;
            j["Name"] = CheckedHousehold.Resumed;
            j["SeriesName"] = "Breaking Bad";
            j["SeasonNumber"] = 1;
            j["EpisodeNumber"] = 2;
            j["Provider_tvdb"] = "349235";
            j["Provider_imdb"] = "tt1054724";
            j["RunTimeTicks"] = TimeSpan.FromMinutes(48).Ticks;
            j["UserId"] = h.Jellyfin.UserIdOf("bob");
            j["NotificationUsername"] = "bob";
            j["PlaybackPositionTicks"] = position.Ticks;
            j["UtcTimestamp"] = now;
            j["Timestamp"] = now;
        });

    private static WebhookRequest EmbyMarkPlayed(CheckedHousehold h, string user) =>
        WebhookHarness.Edited("emby/webhook-item.markplayed.json", null, j =>
        {
            var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            j["Date"] = now;
            j["Server"]!["Id"] = h.Emby.ServerId;
            j["User"]!["Id"] = h.Emby.UserIdOf(user);
            j["User"]!["Name"] = user;
            var item = j["Item"]!.AsObject();
            item["ServerId"] = h.Emby.ServerId;
            item["Id"] = h.Emby.ItemIdOf("The Matrix");
            item["Type"] = "Movie";
            item["Name"] = "The Matrix";
            item["ProductionYear"] = 1999;
            item.Remove("SeriesName");
            item.Remove("ParentIndexNumber");
            item.Remove("IndexNumber");
            item.Remove("SeriesId");
            item.Remove("SeasonId");
            item.Remove("SeasonName");
            item["ProviderIds"] = new JsonObject { ["Imdb"] = "tt0133093" };
            item["UserData"]!["LastPlayedDate"] = now;
        });

    private static string Writes(CheckedHousehold h) =>
        $"jellyfin: {string.Join("; ", h.Jellyfin.Writes)} | emby: {string.Join("; ", h.Emby.Writes)} | plex: {string.Join("; ", h.Plex.Writes)}";
}
