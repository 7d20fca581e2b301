using WatchState.Storage;

namespace WatchState.Tests.Webhooks;

public class WebhookProcessorTests
{
    private const string Real = "jellyfin-webhook-real/raw/";
    private const string Movie = "7169f8999aa899abac908d9b38defe57";

    [Fact]
    public async Task A_jellyfin_mark_played_then_unplayed_is_applied_in_order()
    {
        await using var h = await WebhookHarness.CreateAsync();

        var played = await h.ApplyAsync(WebhookSamples.Jellyfin(Real + "19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json"));
        var afterPlay = await h.ItemAsync("jellyfin", Movie);
        var unplayed = await h.ApplyAsync(WebhookSamples.Jellyfin(Real + "20-UserDataSaved-TogglePlayed-admin-movie-mark-unplayed.json"));

        Assert.Equal(InboxStatus.Applied, played.Status);
        Assert.Equal("jellyfin", played.Backends);
        Assert.True(afterPlay!.Value.Watched);
        Assert.Equal(InboxStatus.Applied, unplayed.Status);
        Assert.False((await h.ItemAsync("jellyfin", Movie))!.Value.Watched);
    }

    [Fact]
    public async Task Another_user_of_the_server_is_recorded_and_never_applied()
    {
        await using var h = await WebhookHarness.CreateAsync();

        var entry = await h.ApplyAsync(WebhookSamples.Jellyfin(Real + "40-UserDataSaved-TogglePlayed-alice-movie-mark-played.json"));

        Assert.Equal(InboxStatus.Ignored, entry.Status);
        Assert.Contains("belongs to no identity", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("items"));
    }

    [Fact]
    public async Task An_unknown_server_is_recorded_as_ignored()
    {
        await using var h = await WebhookHarness.CreateAsync();

        var entry = await h.ApplyAsync(WebhookHarness.Edited(
            Real + "19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json", WebhookSamples.JellyfinAgent, j => j["ServerId"] = "ffffffffffffffffffffffffffffffff"));

        Assert.Equal(InboxStatus.Ignored, entry.Status);
        Assert.Contains("unknown server", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("items"));
    }

    [Fact]
    public async Task A_jellyfin_event_without_a_user_is_recorded_and_skipped()
    {
        await using var h = await WebhookHarness.CreateAsync();

        var entry = await h.ApplyAsync(WebhookHarness.Edited(
            Real + "19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json", WebhookSamples.JellyfinAgent, j => j.Remove("UserId")));

        Assert.Equal(InboxStatus.Ignored, entry.Status);
        Assert.Contains("names no user", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("items"));
    }

    [Fact]
    public async Task The_plex_owner_is_account_1_and_a_managed_user_is_matched_by_plex_tv_id()
    {
        await using var h = await WebhookHarness.CreateAsync();

        var owner = await h.ApplyAsync(WebhookSamples.Plex("webhook-media.scrobble.json"));
        var kid = await h.ApplyAsync(WebhookSamples.Plex("webhook-media.scrobble-managed-user.json"));

        Assert.Equal("plex_owner", owner.Backends);
        Assert.Equal("plex_kid", kid.Backends);
        Assert.True((await h.ItemAsync("plex_owner", "1"))!.Value.Watched);
        Assert.True((await h.ItemAsync("plex_kid", "5"))!.Value.Watched);
        Assert.Null(await h.ItemAsync("plex_kid", "1"));
    }

    [Fact]
    public async Task Events_that_carry_nothing_are_ignored_with_their_note()
    {
        await using var h = await WebhookHarness.CreateAsync();

        var test = await h.ApplyAsync(WebhookSamples.Emby("webhook-system.notificationtest.json", multipart: false));
        var added = await h.ApplyAsync(WebhookSamples.Jellyfin(Real + "52-ItemAdded-new-movie.json"));

        Assert.Equal(InboxStatus.Ignored, test.Status);
        Assert.Contains("test notification", test.Reason, StringComparison.Ordinal);
        Assert.Equal(InboxStatus.Ignored, added.Status);
        Assert.Equal(0, await h.CountAsync("items"));
    }

    [Fact]
    public async Task A_crash_before_the_commit_leaves_the_webhook_pending_and_the_restart_applies_it_once()
    {
        await using var h = await WebhookHarness.CreateAsync();
        var id = await h.AcceptAsync(WebhookSamples.Emby("webhook-playback.stop-completed.json", multipart: true));
        h.Processor.BeforeCommit = _ => throw new InvalidProgramException("simulated crash");

        await Assert.ThrowsAsync<InvalidProgramException>(() => h.Processor.ProcessPendingAsync(TestContext.Current.CancellationToken));
        var afterCrash = await h.Inbox.GetAsync(id, TestContext.Current.CancellationToken);
        var itemsAfterCrash = await h.CountAsync("items");

        await h.RestartAsync();
        var applied = await h.Processor.ProcessPendingAsync(TestContext.Current.CancellationToken);
        var history = await h.CountAsync("history");
        var again = await h.Processor.ProcessPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(InboxStatus.Pending, afterCrash!.Status);
        Assert.Equal(0, itemsAfterCrash);
        Assert.Equal((1, 1), (applied.Finished, applied.Changed));
        Assert.Equal(["main"], applied.ChangedIdentities);
        Assert.Equal((0, 0, 0), (again.Finished, again.Changed, again.ChangedIdentities.Count));
        Assert.Equal(history, await h.CountAsync("history"));
        Assert.True(history > 0);
        Assert.True((await h.ItemAsync("emby", "87146"))!.Value.Watched);
        var entry = await h.Inbox.GetAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal((InboxStatus.Applied, 1), (entry!.Status, entry.Attempts));
    }

    [Fact]
    public async Task Many_webhooks_are_applied_in_the_order_they_arrived()
    {
        await using var h = await WebhookHarness.CreateAsync();
        await h.AcceptAsync(WebhookSamples.Jellyfin(Real + "19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json"));
        await h.AcceptAsync(WebhookSamples.Jellyfin(Real + "20-UserDataSaved-TogglePlayed-admin-movie-mark-unplayed.json"));

        // Played again later: the server dates it after the unplay.
        await h.AcceptAsync(WebhookHarness.Edited(
            Real + "19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json", WebhookSamples.JellyfinAgent, j => j["LastPlayedDate"] = "2026-11-24T12:02:00.0000000Z"));

        var done = await h.Processor.ProcessPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, done.Finished);
        Assert.True((await h.ItemAsync("jellyfin", Movie))!.Value.Watched);
        Assert.Equal(3, (await h.Inbox.ListAsync(InboxStatus.Applied, 0, TestContext.Current.CancellationToken)).Count);
    }
}
