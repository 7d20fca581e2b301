using System.Text.Json;
using WatchState.Storage;
using WatchState.Tests.Webhooks;
using WatchState.Webhooks;

namespace WatchState.Tests.Cli;

public class EventsCommandsTests
{
    private static async Task<long> SeedAsync(CliRunner cli, WebhookRequest request)
    {
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var parsed = await new WebhookParsers().ParseAsync(request, at, TestContext.Current.CancellationToken);
        var inbox = new InboxStore(new Database(cli.Data.Paths.DatabaseFile));
        return await inbox.AddAsync(
            new NewInboxEntry(at, parsed.Source, parsed.Event, request.ContentType, request.UserAgent, request.Body), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task System_apikey_prints_the_same_key_every_time()
    {
        using var cli = new CliRunner();

        var first = await cli.RunAsync("system:apikey");
        var second = await cli.RunAsync("system:apikey");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches("^[0-9a-f]{32}$", first.Out.Trim());
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task System_apikey_rotate_prints_a_new_key_that_is_kept()
    {
        using var cli = new CliRunner();
        var first = (await cli.RunAsync("system:apikey")).Out.Trim();

        var rotate = await cli.RunAsync("system:apikey", "--rotate");
        var after = (await cli.RunAsync("system:apikey")).Out.Trim();

        Assert.Equal(0, rotate.ExitCode);
        Assert.Matches("^[0-9a-f]{32}$", rotate.Out.Trim());
        Assert.NotEqual(first, rotate.Out.Trim());
        Assert.Equal(rotate.Out.Trim(), after);
        Assert.Contains("update every webhook URL", rotate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_are_listed_shown_and_replayed()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers(WebhookHarness.Servers);
        var id = await SeedAsync(cli, WebhookSamples.Plex("webhook-media.scrobble.json"));

        var pending = await cli.RunAsync("events:list", "-o", "json", "--status", "pending");
        var replay = await cli.RunAsync("events:replay", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var show = await cli.RunAsync("events:show", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var applied = await cli.RunAsync("events:list", "--status", "applied");

        using (var json = JsonDocument.Parse(pending.Out))
        {
            var row = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(("plex", "media.scrobble", "pending"), (row.GetProperty("source").GetString(), row.GetProperty("event").GetString(), row.GetProperty("status").GetString()));
        }

        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("applied", replay.Out, StringComparison.Ordinal);
        Assert.Contains("plex_owner", replay.Out, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("body (multipart field 'payload')", show.Out, StringComparison.Ordinal);
        Assert.Contains("\"event\": \"media.scrobble\"", show.Out, StringComparison.Ordinal);
        Assert.Contains("WebhookScrobble: movie 1", show.Out, StringComparison.Ordinal);
        Assert.Contains("status: applied", show.Out, StringComparison.Ordinal);
        Assert.Contains("media.scrobble", applied.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Showing_or_replaying_an_unknown_event_fails_with_a_hint()
    {
        using var cli = new CliRunner();

        var show = await cli.RunAsync("events:show", "42");
        var replay = await cli.RunAsync("events:replay", "42");

        Assert.Equal((1, 1), (show.ExitCode, replay.ExitCode));
        Assert.Contains("events:list", show.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jellyfin", "Send All Properties")]
    [InlineData("emby", "Mark Unplayed")]
    [InlineData("plex_owner", "account 1")]
    public async Task Backend_webhook_prints_the_url_with_the_key_and_what_to_set_on_that_server(string backend, string setting)
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers(WebhookHarness.Servers);
        var key = (await cli.RunAsync("system:apikey")).Out.Trim();

        var result = await cli.RunAsync("backend:webhook", backend, "--base-url", "http://192.168.1.5:8080/");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"http://192.168.1.5:8080/v1/api/webhook?apikey={key}", result.Out, StringComparison.Ordinal);
        Assert.Contains(setting, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backend_webhook_of_an_unknown_backend_names_the_known_ones()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers(WebhookHarness.Servers);

        var result = await cli.RunAsync("backend:webhook", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("plex_owner", result.Error, StringComparison.Ordinal);
    }
}
