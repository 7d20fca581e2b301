using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using WatchState.Simulator;
using WatchState.Tests.Cli;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>
/// End to end: three simulated servers imported once, the real <c>serve</c> app, and a real webhook body from one
/// server marking an item played; the other two servers get the write (polled, no timing assertion).
/// </summary>
public sealed class WebhookEndToEndTests : IAsyncLifetime
{
    private MediaBrowserSimulator _jellyfin = null!;
    private MediaBrowserSimulator _emby = null!;
    private PlexSimulator _plex = null!;
    private CliRunner _cli = null!;
    private InProcessServe _serve = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(ThreeServers.Library) }, ct);
        _emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(ThreeServers.Library) }, ct);
        _plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(ThreeServers.Library) }, ct);
        _cli = new CliRunner();

        // The uuids are what webhooks name their sender by; backend:add reads them from the servers.
        _cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {_jellyfin.BaseUrl}
              token: {_jellyfin.ApiKey}
              uuid: {_jellyfin.ServerId}
              user: {_jellyfin.AdminUserId}
            emby:
              type: emby
              url: {_emby.BaseUrl}
              token: {_emby.ApiKey}
              uuid: {_emby.ServerId}
              user: {_emby.AdminUserId}
            plex:
              type: plex
              url: {_plex.BaseUrl}
              token: {_plex.AdminToken}
              uuid: {_plex.MachineIdentifier}

            """);
        var imported = await _cli.RunAsync("state:import");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        _serve = await InProcessServe.StartAsync(_cli.Data);
    }

    public async ValueTask DisposeAsync()
    {
        await _serve.DisposeAsync();
        _cli.Dispose();
        await _jellyfin.DisposeAsync();
        await _emby.DisposeAsync();
        await _plex.DisposeAsync();
    }

    [Fact]
    public async Task A_plex_scrobble_reaches_jellyfin_and_emby()
    {
        var ratingKey = _plex.RatingKeyOf("The Matrix");
        var scrobble = WebhookHarness.EditedPlex("webhook-media.scrobble.json", p =>
        {
            p["Server"]!["uuid"] = _plex.MachineIdentifier;
            var meta = p["Metadata"]!.AsObject();
            meta["ratingKey"] = ratingKey;
            meta["key"] = "/library/metadata/" + ratingKey;
            meta["title"] = "The Matrix";
            meta["year"] = 1999;
            meta["Guid"] = new JsonArray(new JsonObject { ["id"] = "imdb://tt0133093" });
            meta["lastViewedAt"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        });

        await PostAsync(scrobble);

        Assert.True(await InProcessServe.EventuallyAsync(() => Task.FromResult(PlayedOn(_jellyfin, "The Matrix") && PlayedOn(_emby, "The Matrix"))), Writes());
    }

    [Fact]
    public async Task A_jellyfin_mark_played_reaches_emby_and_plex()
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var toggled = WebhookHarness.Edited(
            "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json",
            WebhookSamples.JellyfinAgent,
            j =>
            {
                j["ServerId"] = _jellyfin.ServerId;
                j["UserId"] = _jellyfin.AdminUserId;
                j["ItemId"] = _jellyfin.ItemIdOf("Inception");
                j["Name"] = "Inception";
                j["Year"] = 2010;
                j["Provider_imdb"] = "tt1375666";
                j["LastPlayedDate"] = now;
                j["UtcTimestamp"] = now;
                j["Timestamp"] = now;
            });

        await PostAsync(toggled);

        var ratingKey = _plex.RatingKeyOf("Inception");
        Assert.True(
            await InProcessServe.EventuallyAsync(() => Task.FromResult(PlayedOn(_emby, "Inception") && PlexScrobbled(ratingKey))),
            Writes());
    }

    [Fact]
    public async Task An_emby_mark_played_reaches_jellyfin_and_plex()
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var marked = WebhookHarness.Edited("emby/webhook-item.markplayed.json", null, e =>
        {
            e["Date"] = now;
            e["Server"]!["Id"] = _emby.ServerId;
            e["User"]!["Id"] = _emby.AdminUserId;
            var item = e["Item"]!.AsObject();
            item["ServerId"] = _emby.ServerId;
            item["Id"] = _emby.ItemIdOf("Breaking Bad S01E02");
            item["Name"] = "Breaking Bad E02";
            item["SeriesName"] = "Breaking Bad";
            item["ParentIndexNumber"] = 1;
            item["IndexNumber"] = 2;
            item["ProductionYear"] = 2008;
            item["ProviderIds"] = new JsonObject();
            item["UserData"]!["LastPlayedDate"] = now;
        });

        await PostAsync(marked);

        var ratingKey = _plex.RatingKeyOf("Breaking Bad S01E02");
        Assert.True(
            await InProcessServe.EventuallyAsync(() => Task.FromResult(PlayedOn(_jellyfin, "Breaking Bad S01E02") && PlexScrobbled(ratingKey))),
            Writes());
    }

    private async Task PostAsync(WebhookRequest request)
    {
        using var response = await _serve.PostAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static bool PlayedOn(MediaBrowserSimulator server, string title) =>
        server.GetPlayState(server.AdminUserId, server.ItemIdOf(title)).Played;

    private bool PlexScrobbled(string ratingKey) =>
        _plex.Writes.Any(w => w.Contains("/:/scrobble?", StringComparison.Ordinal) && w[(w.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Contains($"key={ratingKey}"));

    private string Writes() =>
        $"jellyfin: {string.Join("; ", _jellyfin.Writes)} | emby: {string.Join("; ", _emby.Writes)} | plex: {string.Join("; ", _plex.Writes)}";
}
