using System.Globalization;
using System.Text.Json.Nodes;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>
/// Three people on one Plex, one Jellyfin and one Emby: each webhook lands in the identity of the user who played
/// and is pushed to that person's user on the other servers only.
/// </summary>
public class IdentityRoutingTests
{
    [Fact]
    public async Task Alice_scrobbling_on_Plex_marks_the_episode_watched_for_alice_only_on_jellyfin_and_emby()
    {
        await using var house = await Household.StartAsync();
        var before = await house.SnapshotAsync();

        var (entry, changed) = await house.DeliverAsync(PlexScrobble(house, house.Plex.AccountIdOf("alice")));

        Assert.Equal(InboxStatus.Applied, entry.Status);
        Assert.Equal("alice", entry.Identity);
        Assert.Equal(["alice"], changed);
        Assert.NotEqual(before, await house.SnapshotAsync());
        var jf = house.Jellyfin.ItemIdOf(Household.Episode);
        var emby = house.Emby.ItemIdOf(Household.Episode);
        Assert.True(house.Jellyfin.GetPlayState(house.Jellyfin.UserIdOf("alice"), jf).Played);
        Assert.True(house.Emby.GetPlayState(house.Emby.UserIdOf("alice"), emby).Played);
        foreach (var other in new[] { "admin", "bob" })
        {
            Assert.False(house.Jellyfin.GetPlayState(house.Jellyfin.UserIdOf(other), jf).Played, other);
            Assert.False(house.Emby.GetPlayState(house.Emby.UserIdOf(other), emby).Played, other);
        }

        Assert.True((await house.StateAsync("alice", "jf", jf))!.Value.Watched);
        Assert.False((await house.StateAsync("main", "jf", jf))!.Value.Watched);
        Assert.False((await house.StateAsync("bob", "jf", jf))!.Value.Watched);
    }

    [Fact]
    public async Task Bobs_resume_position_from_jellyfin_travels_to_bobs_user_on_plex_and_emby_only()
    {
        await using var house = await Household.StartAsync();
        var jf = house.Jellyfin.ItemIdOf(Household.Episode);
        var request = WebhookHarness.Edited(Real + "28-UserDataSaved-PlaybackProgress-alice-s01e03-progress-120s.json", WebhookSamples.JellyfinAgent, j =>
        {
            AboutEpisode(j, house.Jellyfin.ServerId, jf);
            j["UserId"] = house.Jellyfin.UserIdOf("bob");
            j["NotificationUsername"] = "bob";
            j["PlaybackPositionTicks"] = TimeSpan.FromMinutes(20).Ticks;
        });

        var (entry, changed) = await house.DeliverAsync(request);

        Assert.Equal(InboxStatus.Applied, entry.Status);
        Assert.Equal(["bob"], changed);
        var key = house.Plex.RatingKeyOf(Household.Episode);
        var emby = house.Emby.ItemIdOf(Household.Episode);
        Assert.Equal(TimeSpan.FromMinutes(20), house.Plex.GetPlayState("bob", key).Position);
        Assert.Equal(TimeSpan.FromMinutes(20), house.Emby.GetPlayState(house.Emby.UserIdOf("bob"), emby).Position);
        foreach (var other in new[] { "admin", "alice" })
        {
            Assert.Equal(TimeSpan.Zero, house.Plex.GetPlayState(other, key).Position);
            Assert.Equal(TimeSpan.Zero, house.Emby.GetPlayState(house.Emby.UserIdOf(other), emby).Position);
        }
    }

    [Fact]
    public async Task An_event_of_a_user_in_no_identity_is_ignored_with_the_reason_and_changes_nothing()
    {
        await using var house = await Household.StartAsync();
        var before = await house.SnapshotAsync();
        var writes = house.Jellyfin.Writes.Count + house.Emby.Writes.Count + house.Plex.Writes.Count;

        var (entry, changed) = await house.DeliverAsync(PlexScrobble(house, 987654));

        Assert.Equal(InboxStatus.Ignored, entry.Status);
        Assert.Equal("user 987654 on plex belongs to no identity", entry.Reason);
        Assert.Null(entry.Identity);
        Assert.Empty(changed);
        Assert.Equal(before, await house.SnapshotAsync());
        Assert.Equal(writes, house.Jellyfin.Writes.Count + house.Emby.Writes.Count + house.Plex.Writes.Count);
    }

    [Fact]
    public async Task Emby_and_tautulli_events_are_routed_by_their_user_ids()
    {
        await using var house = await Household.StartAsync();
        var emby = house.Emby.ItemIdOf(Household.Episode);
        var markPlayed = WebhookHarness.Edited("emby/webhook-item.markplayed.json", null, j =>
        {
            j["Server"]!["Id"] = house.Emby.ServerId;
            j["User"]!["Id"] = house.Emby.UserIdOf("bob");
            j["User"]!["Name"] = "bob";
            var item = j["Item"]!.AsObject();
            item["Id"] = emby;
            item["SeriesName"] = "Breaking Bad";
            item["ProviderIds"] = new JsonObject { ["Tvdb"] = "349232", ["Imdb"] = "tt0959621" };
        });
        var watched = WebhookHarness.Edited("tautulli/webhook-tautulli.watched.json", WebhookSamples.TautulliAgent, j =>
        {
            j["Server"]!["uuid"] = house.Plex.MachineIdentifier;
            j["Account"]!["id"] = house.Plex.AccountIdOf("alice").ToString(CultureInfo.InvariantCulture);
            var m = j["Metadata"]!.AsObject();
            m["ratingKey"] = house.Plex.RatingKeyOf("The Matrix");
            m["title"] = "The Matrix";
            m["year"] = "1999";
            m["Guids"] = new JsonObject { ["imdb"] = "tt0133093" };
        });

        var (byEmby, embyChanged) = await house.DeliverAsync(markPlayed);
        var (byTautulli, tautulliChanged) = await house.DeliverAsync(watched);

        Assert.Equal((InboxStatus.Applied, "bob"), (byEmby.Status, byEmby.Identity));
        Assert.Equal(["bob"], embyChanged);
        Assert.Equal((InboxStatus.Applied, "alice"), (byTautulli.Status, byTautulli.Identity));
        Assert.Equal(["alice"], tautulliChanged);
        var jfEpisode = house.Jellyfin.ItemIdOf(Household.Episode);
        var jfMovie = house.Jellyfin.ItemIdOf("The Matrix");
        Assert.True(house.Jellyfin.GetPlayState(house.Jellyfin.UserIdOf("bob"), jfEpisode).Played);
        Assert.False(house.Jellyfin.GetPlayState(house.Jellyfin.UserIdOf("alice"), jfEpisode).Played);
        Assert.True(house.Jellyfin.GetPlayState(house.Jellyfin.UserIdOf("alice"), jfMovie).Played);
        Assert.False(house.Jellyfin.GetPlayState(house.Jellyfin.UserIdOf("bob"), jfMovie).Played);
        Assert.False(house.Jellyfin.GetPlayState(house.Jellyfin.AdminUserId, jfMovie).Played);
    }

    private const string Real = "jellyfin-webhook-real/raw/";

    /// <summary>The Plex fixture's scrobble, about the household's episode, by the given account.</summary>
    private static WebhookRequest PlexScrobble(Household house, long accountId) =>
        WebhookHarness.EditedPlex("webhook-media.scrobble-managed-user.json", j =>
        {
            j["Account"]!["id"] = accountId;
            j["Account"]!["title"] = "someone";
            j["Server"]!["uuid"] = house.Plex.MachineIdentifier;
            var m = j["Metadata"]!.AsObject();
            var key = house.Plex.RatingKeyOf(Household.Episode);
            m["ratingKey"] = key;
            m["key"] = "/library/metadata/" + key;
            m["grandparentTitle"] = "Breaking Bad";
            m["title"] = "Pilot";
            m["index"] = 1;
            m["parentIndex"] = 1;
            m["Guid"] = new JsonArray(new JsonObject { ["id"] = "imdb://tt0959621" }, new JsonObject { ["id"] = "tvdb://349232" });
        });

    private static void AboutEpisode(JsonObject j, string serverId, string itemId)
    {
        j["ServerId"] = serverId;
        j["ItemId"] = itemId;
        j["Name"] = Household.Episode;
        j["SeriesName"] = "Breaking Bad";
        j["SeasonNumber"] = 1;
        j["EpisodeNumber"] = 1;
        j["Provider_tvdb"] = "349232";
        j["Provider_imdb"] = "tt0959621";
        j["RunTimeTicks"] = TimeSpan.FromMinutes(58).Ticks;
    }
}
