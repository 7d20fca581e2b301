using Microsoft.Extensions.DependencyInjection;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

public class WebhookPushTests
{
    [Fact]
    public async Task A_change_from_one_server_is_queued_for_the_others_and_never_back_to_its_source()
    {
        await using var h = await WebhookHarness.CreateAsync();

        // Emby knows the episode (unwatched); Jellyfin then marks the same episode played.
        await h.ApplyAsync(WebhookSamples.Emby("webhook-playback.start.json", multipart: false));
        var played = await h.ApplyAsync(WebhookHarness.Edited(
            "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json",
            WebhookSamples.JellyfinAgent,
            j =>
            {
                j["ItemType"] = "Episode";
                j["SeriesName"] = "Abenteuer mit Timon und Pumbaa";
                j["SeasonNumber"] = 1;
                j["EpisodeNumber"] = 1;
                j["Provider_imdb"] = "tt0000011";
                j["Provider_tvdb"] = "12385";
            }));
        Assert.Equal(InboxStatus.Applied, played.Status);

        await h.Services.GetRequiredService<WebhookPusher>().PushAsync(TestContext.Current.CancellationToken);

        await using var connection = await h.OpenAsync();
        var outbox = await new OutboxStore(connection, "main").ListAsync(false, TestContext.Current.CancellationToken);
        var write = Assert.Single(outbox);
        Assert.Equal(("emby", "87146", WatchState.Backends.RemoteWriteKind.MarkPlayed), (write.Backend, write.Write.RemoteId, write.Write.Kind));
    }

    [Fact]
    public async Task A_push_that_plans_nothing_still_moves_every_backends_export_cursor()
    {
        await using var h = await WebhookHarness.CreateAsync();

        // A movie only Jellyfin has: nothing to write anywhere, but the next push need not read it again.
        var played = await h.ApplyAsync(WebhookSamples.Jellyfin("jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json"));
        Assert.Equal(InboxStatus.Applied, played.Status);

        await h.Services.GetRequiredService<WebhookPusher>().PushAsync(TestContext.Current.CancellationToken);

        await using var connection = await h.OpenAsync();
        Assert.Empty(await new OutboxStore(connection, "main").ListAsync(false, TestContext.Current.CancellationToken));
        var cursors = await ExportCursors.ReadAsync(connection, "main", TestContext.Current.CancellationToken);
        Assert.Equal(["emby", "jellyfin", "plex_kid", "plex_owner"], cursors.Keys.Order(StringComparer.Ordinal));
    }
}
