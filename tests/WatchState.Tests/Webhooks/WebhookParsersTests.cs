using System.Text;
using System.Text.Json;
using WatchState.Domain;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

public class WebhookParsersTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly WebhookParsers _parsers = new();

    /// <summary>Every fixture body: the sender, the event, and the kind of observation it gives (null: none, with a note).</summary>
    public static TheoryData<string, string, string, ObservationKind?> Bodies() => new()
    {
        { "plex/webhook-library.new.json", "plex", "library.new", null },
        { "plex/webhook-media.pause.json", "plex", "media.pause", ObservationKind.WebhookPause },
        { "plex/webhook-media.play-track-plexdocs.json", "plex", "media.play", null },
        { "plex/webhook-media.play.json", "plex", "media.play", ObservationKind.WebhookPlay },
        { "plex/webhook-media.rate.json", "plex", "media.rate", null },
        { "plex/webhook-media.resume.json", "plex", "media.resume", ObservationKind.WebhookPlay },
        { "plex/webhook-media.scrobble-managed-user.json", "plex", "media.scrobble", ObservationKind.WebhookScrobble },
        { "plex/webhook-media.scrobble.json", "plex", "media.scrobble", ObservationKind.WebhookScrobble },
        { "plex/webhook-media.stop.json", "plex", "media.stop", ObservationKind.WebhookStop },
        { "tautulli/webhook-tautulli.play.json", "tautulli", "tautulli.play", ObservationKind.WebhookPlay },
        { "tautulli/webhook-tautulli.pause.json", "tautulli", "tautulli.pause", ObservationKind.WebhookPause },
        { "tautulli/webhook-tautulli.resume.json", "tautulli", "tautulli.resume", ObservationKind.WebhookPlay },
        { "tautulli/webhook-tautulli.stop.json", "tautulli", "tautulli.stop", ObservationKind.WebhookStop },
        { "tautulli/webhook-tautulli.watched.json", "tautulli", "tautulli.watched", ObservationKind.WebhookScrobble },
        { "tautulli/webhook-tautulli.created.json", "tautulli", "tautulli.created", null },
        { "emby/webhook-item.markplayed.json", "emby", "item.markplayed", ObservationKind.MarkPlayed },
        { "emby/webhook-item.markunplayed.json", "emby", "item.markunplayed", ObservationKind.MarkUnplayed },
        { "emby/webhook-library.new.json", "emby", "library.new", null },
        { "emby/webhook-playback.start.json", "emby", "playback.start", ObservationKind.WebhookPlay },
        { "emby/webhook-playback.pause.json", "emby", "playback.pause", ObservationKind.WebhookPause },
        { "emby/webhook-playback.unpause.json", "emby", "playback.unpause", ObservationKind.WebhookPlay },
        { "emby/webhook-playback.stop.json", "emby", "playback.stop", ObservationKind.WebhookStop },
        { "emby/webhook-playback.stop-completed.json", "emby", "playback.stop", ObservationKind.WebhookStop },
        { "emby/webhook-system.notificationtest.json", "emby", "system.notificationtest", null },
        { "jellyfin/webhook-ItemAdded.json", "jellyfin", "ItemAdded", null },
        { "jellyfin/webhook-PlaybackStart.json", "jellyfin", "PlaybackStart", ObservationKind.WebhookPlay },
        { "jellyfin/webhook-PlaybackProgress.json", "jellyfin", "PlaybackProgress", ObservationKind.WebhookPause },
        { "jellyfin/webhook-PlaybackStop.json", "jellyfin", "PlaybackStop", ObservationKind.WebhookStop },
        { "jellyfin/webhook-PlaybackStop-completed.json", "jellyfin", "PlaybackStop", ObservationKind.WebhookStop },
        { "jellyfin/webhook-UserDataSaved-PlaybackProgress.json", "jellyfin", "UserDataSaved/PlaybackProgress", ObservationKind.WebhookPlay },
        { "jellyfin/webhook-UserDataSaved-TogglePlayed.json", "jellyfin", "UserDataSaved/TogglePlayed", ObservationKind.MarkPlayed },
        { "jellyfin/webhook-UserDataSaved-TogglePlayed-unplayed.json", "jellyfin", "UserDataSaved/TogglePlayed", ObservationKind.MarkUnplayed },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Every_fixture_body_is_recognised_and_parsed(string path, string source, string name, ObservationKind? kind)
    {
        var parsed = await _parsers.ParseAsync(WebhookSamples.For(path), Received, TestContext.Current.CancellationToken);

        Assert.Equal(source, parsed.Source);
        Assert.Equal(name, parsed.Event);
        Assert.NotNull(parsed.ServerId);
        if (kind is null)
        {
            Assert.Empty(parsed.Observations);
            Assert.False(string.IsNullOrEmpty(parsed.Note));
        }
        else
        {
            var o = Assert.Single(parsed.Observations);
            Assert.Equal(kind, o.Kind);
            Assert.Equal(Received, o.ReceivedAt);
            Assert.False(string.IsNullOrEmpty(o.RemoteId));
        }
    }

    [Theory]
    [InlineData("webhook-item.markplayed.json")]
    [InlineData("webhook-playback.stop-completed.json")]
    [InlineData("webhook-system.notificationtest.json")]
    public async Task Emby_sends_the_same_json_in_a_multipart_data_field(string file)
    {
        var ct = TestContext.Current.CancellationToken;
        var json = await _parsers.ParseAsync(WebhookSamples.Emby(file, multipart: false), Received, ct);
        var form = await _parsers.ParseAsync(WebhookSamples.Emby(file, multipart: true), Received, ct);

        Assert.Equal("emby", form.Source);
        Assert.Equal(json.Event, form.Event);
        Assert.NotEmpty(json.Observations.Select(Describe).Concat([json.Note ?? ""]));
        Assert.Equal(json.Observations.Select(Describe), form.Observations.Select(Describe));
        Assert.Equal(json.Note, form.Note);
    }

    [Fact]
    public async Task Plex_scrobble_names_the_sender_the_user_and_the_item()
    {
        var parsed = await _parsers.ParseAsync(WebhookSamples.Plex("webhook-media.scrobble-managed-user.json"), Received, TestContext.Current.CancellationToken);

        Assert.Equal("7d5f0c6b9e2a4c1f8b3e6a9d2c5f8e1b4a7d0c3f", parsed.ServerId);
        Assert.Equal("22222222", parsed.UserId);
        var o = Assert.Single(parsed.Observations);
        Assert.True(o.Played);
        Assert.Null(o.PlayedAt);
        Assert.NotEmpty(o.Ids);
    }

    [Fact]
    public async Task Tautulli_values_are_strings_and_its_ids_come_from_the_guids_map()
    {
        var parsed = await _parsers.ParseAsync(WebhookSamples.Tautulli("webhook-tautulli.stop.json"), Received, TestContext.Current.CancellationToken);

        Assert.Equal("22222222", parsed.UserId);
        var o = Assert.Single(parsed.Observations);
        Assert.Equal(MediaType.Episode, o.Type);
        Assert.Equal((1, 1), (o.Season, o.Episode));
        Assert.Equal(1_530_000, o.ProgressMs);
        Assert.Equal(2_654_912, o.DurationMs);
        Assert.Contains(new ExternalId("imdb", "tt0000004"), o.Ids);
        Assert.Contains(new ExternalId("tvdb", "4"), o.Ids);
        Assert.False(o.Played);
    }

    [Fact]
    public async Task Jellyfin_positions_come_in_ticks_and_a_stop_past_ninety_percent_is_played()
    {
        var ct = TestContext.Current.CancellationToken;
        var midway = Assert.Single((await _parsers.ParseAsync(WebhookSamples.Jellyfin("jellyfin-webhook-real/raw/12-PlaybackStop-admin-s01e03-stop-150s.json"), Received, ct)).Observations);
        var finished = Assert.Single((await _parsers.ParseAsync(WebhookSamples.Jellyfin("jellyfin-webhook-real/raw/18-PlaybackStop-admin-s01e03-stop-390s-97pct.json"), Received, ct)).Observations);

        Assert.Equal(150_000, midway.ProgressMs);
        Assert.False(midway.Played);
        Assert.True(finished.Played);
        Assert.Equal(ObservationKind.WebhookStop, finished.Kind);
    }

    public static TheoryData<string> RealJellyfinBodies() =>
        [.. Directory.GetFiles(Fixtures.PathOf("jellyfin-webhook-real/raw"), "*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(RealJellyfinBodies))]
    public async Task Every_real_jellyfin_capture_parses_and_only_a_toggle_marks(string file)
    {
        var parsed = await _parsers.ParseAsync(
            WebhookSamples.Jellyfin("jellyfin-webhook-real/raw/" + file), Received, TestContext.Current.CancellationToken);

        using var index = JsonDocument.Parse(Fixtures.Read("jellyfin-webhook-real/_index.json"));
        var capture = index.RootElement.GetProperty("captures").EnumerateArray().Single(c => c.GetProperty("rawFile").GetString() == "raw/" + file);
        var type = capture.GetProperty("notificationType").GetString();
        var reason = capture.TryGetProperty("saveReason", out var r) ? r.GetString() : null;
        Assert.Equal(reason is null ? type : $"{type}/{reason}", parsed.Event);
        Assert.Equal("a7fc5094cc8546ef876d29f90b2db025", parsed.ServerId);
        if (type == "ItemAdded" || reason == "UpdateUserRating")
        {
            Assert.Empty(parsed.Observations);
            return;
        }

        var o = Assert.Single(parsed.Observations);
        Assert.Equal(reason == "TogglePlayed", o.Kind is ObservationKind.MarkPlayed or ObservationKind.MarkUnplayed);
        if (type == "PlaybackStart" || reason is "PlaybackStart" or "PlaybackProgress" || type == "PlaybackProgress")
        {
            Assert.True(o.Kind is ObservationKind.WebhookPlay or ObservationKind.WebhookPause, $"{file}: {o.Kind}");
        }
    }

    public static TheoryData<string> CustomTemplateBodies() =>
        [.. Directory.GetFiles(Fixtures.PathOf("jellyfin-webhook-real/custom-template"), "*.txt").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CustomTemplateBodies))]
    public async Task A_misconfigured_jellyfin_template_is_rejected_with_the_fix(string file)
    {
        var request = WebhookSamples.Jellyfin("jellyfin-webhook-real/custom-template/" + file);

        var error = await Assert.ThrowsAsync<WebhookParseException>(() => _parsers.ParseAsync(request, Received, TestContext.Current.CancellationToken));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("Send All Properties", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, "empty body")]
    [InlineData("[1,2]", null, "not a JSON object")]
    [InlineData("{\"hello\":\"world\"}", null, "unknown webhook sender")]
    [InlineData("{\"ServerId\":\"x\"}", JellyfinAgentName, "NotificationType")]
    [InlineData("{\"event\":\"media.play\",\"Account\":{\"id\":1}}", "PlexMediaServer/1.0", "Server.uuid")]
    [InlineData("{\"event\":\"media.play\",\"Server\":{\"uuid\":\"a\"},\"Metadata\":{\"viewCount\":\"x\"}}", "PlexMediaServer/1.0", "Metadata")]
    public async Task Unusable_bodies_are_refused_with_the_reason(string body, string? agent, string reason)
    {
        var request = new WebhookRequest(WebhookSamples.JsonType, agent, Encoding.UTF8.GetBytes(body));

        var error = await Assert.ThrowsAsync<WebhookParseException>(() => _parsers.ParseAsync(request, Received, TestContext.Current.CancellationToken));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multipart_body_without_payload_or_data_is_refused()
    {
        var request = WebhookSamples.MultipartOf("{}", "other", WebhookSamples.PlexAgent, withImage: true);

        var error = await Assert.ThrowsAsync<WebhookParseException>(() => _parsers.ParseAsync(request, Received, TestContext.Current.CancellationToken));

        Assert.Contains("'payload'", error.Message, StringComparison.Ordinal);
    }

    private static string Describe(Observation o) =>
        $"{o.Kind}|{o.RemoteId}|{o.Type}|{o.Played}|{o.PlayedAt}|{o.AddedAt}|{o.ProgressMs}|{string.Join(',', o.Ids)}";

    private const string JellyfinAgentName = WebhookSamples.JellyfinAgent;
}
