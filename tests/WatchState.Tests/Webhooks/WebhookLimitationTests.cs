using WatchState.Storage;

namespace WatchState.Tests.Webhooks;

/// <summary>Each documented limitation of a sender, and how applying its webhooks copes with it.</summary>
public class WebhookLimitationTests
{
    private const string Real = "jellyfin-webhook-real/raw/";
    private const string Movie = "7169f8999aa899abac908d9b38defe57";
    private const string Episode = "5b0b94426d9e96272f969b7ea6756f16";

    [Fact]
    public async Task Plex_reset_dates_after_an_unwatch_are_never_read_as_a_newer_unplayed_state()
    {
        await using var h = await WebhookHarness.CreateAsync();
        await h.ApplyAsync(WebhookHarness.EditedPlex("webhook-media.scrobble-managed-user.json", j => j["Account"]!["id"] = 1));

        // After an unwatch Plex reports the item without viewCount/lastViewedAt: a stop and a play say nothing more.
        var stop = await h.ApplyAsync(WebhookSamples.Plex("webhook-media.stop.json"));
        var play = await h.ApplyAsync(WebhookSamples.Plex("webhook-media.play.json"));

        Assert.Equal((InboxStatus.Applied, InboxStatus.Applied), (stop.Status, play.Status));
        Assert.True((await h.ItemAsync("plex_owner", "5"))!.Value.Watched);
    }

    [Fact]
    public async Task Tautulli_never_unwatches_alone()
    {
        await using var h = await WebhookHarness.CreateAsync();
        await h.ApplyAsync(WebhookSamples.Plex("webhook-media.scrobble-managed-user.json"));

        foreach (var file in new[] { "webhook-tautulli.play.json", "webhook-tautulli.pause.json", "webhook-tautulli.resume.json", "webhook-tautulli.stop.json" })
        {
            Assert.Equal(InboxStatus.Applied, (await h.ApplyAsync(WebhookSamples.Tautulli(file))).Status);
        }

        Assert.True((await h.ItemAsync("plex_kid", "5"))!.Value.Watched);
    }

    [Fact]
    public async Task Tautulli_watched_marks_played()
    {
        await using var h = await WebhookHarness.CreateAsync();

        var entry = await h.ApplyAsync(WebhookSamples.Tautulli("webhook-tautulli.watched.json"));

        Assert.Equal("plex_kid", entry.Backends);
        Assert.True((await h.ItemAsync("plex_kid", "1"))!.Value.Watched);
    }

    [Fact]
    public async Task A_jellyfin_item_turned_unplayed_by_a_rescan_never_unwatches()
    {
        await using var h = await WebhookHarness.CreateAsync();
        await h.ApplyAsync(WebhookSamples.Jellyfin(Real + "19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json"));

        // What a re-scan looks like: user data saved unplayed, for a reason other than the user's toggle.
        var rescan = await h.ApplyAsync(WebhookHarness.Edited(
            Real + "20-UserDataSaved-TogglePlayed-admin-movie-mark-unplayed.json", WebhookSamples.JellyfinAgent, j => j["SaveReason"] = "Import"));

        Assert.Equal(InboxStatus.Applied, rescan.Status);
        Assert.True((await h.ItemAsync("jellyfin", Movie))!.Value.Watched);
    }

    [Fact]
    public async Task An_emby_stop_midway_never_unwatches_and_only_markunplayed_does()
    {
        await using var h = await WebhookHarness.CreateAsync();
        await h.ApplyAsync(WebhookSamples.Emby("webhook-item.markplayed.json", multipart: false));

        await h.ApplyAsync(WebhookSamples.Emby("webhook-playback.stop.json", multipart: true));
        var afterStop = await h.ItemAsync("emby", "87146");
        await h.ApplyAsync(WebhookSamples.Emby("webhook-item.markunplayed.json", multipart: false));

        Assert.True(afterStop!.Value.Watched);
        Assert.False((await h.ItemAsync("emby", "87146"))!.Value.Watched);
    }

    [Fact]
    public async Task Play_pause_and_start_never_flip_watched_but_move_the_resume_point()
    {
        await using var h = await WebhookHarness.CreateAsync();

        await h.ApplyAsync(WebhookSamples.Emby("webhook-playback.start.json", multipart: false));
        var pause = await h.ApplyAsync(WebhookSamples.Emby("webhook-playback.pause.json", multipart: false));

        Assert.Equal(InboxStatus.Applied, pause.Status);
        var item = (await h.ItemAsync("emby", "87146"))!.Value;
        Assert.False(item.Watched);
        Assert.Equal(450_000, item.ProgressMs);
    }

    [Fact]
    public async Task A_resume_point_below_ws_progress_minimum_is_not_taken_from_a_webhook()
    {
        await using var h = await WebhookHarness.CreateAsync();
        Directory.CreateDirectory(Path.Combine(h.Data.Root, "config"));
        await File.WriteAllTextAsync(Path.Combine(h.Data.Root, "config", ".env"), "WS_PROGRESS_MINIMUM=600\n", TestContext.Current.CancellationToken);
        await h.RestartAsync();

        await h.ApplyAsync(WebhookSamples.Emby("webhook-playback.start.json", multipart: false));
        await h.ApplyAsync(WebhookSamples.Emby("webhook-playback.pause.json", multipart: false));

        // The pause is at 450 s, under the configured 600 s minimum.
        Assert.Equal(0, (await h.ItemAsync("emby", "87146"))!.Value.ProgressMs);
    }

    [Fact]
    public async Task A_jellyfin_stop_midway_keeps_the_position_and_a_stop_past_the_threshold_marks_played()
    {
        await using var h = await WebhookHarness.CreateAsync();

        await h.ApplyAsync(WebhookSamples.Jellyfin(Real + "46-PlaybackProgress-admin-ep-ids-progress-120s.json"));
        await h.ApplyAsync(WebhookSamples.Jellyfin(Real + "48-PlaybackStop-admin-ep-ids-stop-150s.json"));
        var midway = await h.ItemAsync("jellyfin", Episode);
        // The 97 % stop was captured before the episode had ids; the stored view matches it by its item id.
        await h.ApplyAsync(WebhookSamples.Jellyfin(Real + "18-PlaybackStop-admin-s01e03-stop-390s-97pct.json"));

        Assert.Equal((false, 150_000L), midway!.Value);
        Assert.True((await h.ItemAsync("jellyfin", Episode))!.Value.Watched);
    }
}
