using System.Text.Json.Nodes;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

/// <summary><c>backend:webhook NAME --register</c> against the simulators' webhook settings.</summary>
public sealed class BackendWebhookRegisterTests
{
    private const string Base = "http://192.168.1.5:8080";
    private const string Library = """movie "The Matrix" 1999 imdb=tt0133093""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Jellyfin_gets_a_generic_destination_in_the_webhook_plugin_and_a_second_run_changes_nothing()
    {
        await using var jellyfin = await Start(MediaBrowserFlavor.Jellyfin);
        using var cli = new CliRunner();
        await AddAsync(cli, "jellyfin", jellyfin);
        var key = (await cli.RunAsync("system:apikey")).Out.Trim();

        var first = await cli.RunAsync("backend:webhook", "jellyfin", "--base-url", Base, "--register");
        var second = await cli.RunAsync("backend:webhook", "jellyfin", "--base-url", Base, "--register");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("added to the Jellyfin Webhook plugin", first.Out, StringComparison.Ordinal);
        Assert.Contains("already registered", second.Out, StringComparison.Ordinal);
        var destination = Assert.Single(jellyfin.WebhookSettings.PluginConfiguration["GenericOptions"]!.AsArray())!.AsObject();
        Assert.Equal($"{Base}/v1/api/webhook?apikey={key}", (string?)destination["WebhookUri"]);
        Assert.True((bool)destination["SendAllProperties"]!);
        Assert.Contains("UserDataSaved", destination["NotificationTypes"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(jellyfin.AdminUserId.Replace("-", "", StringComparison.Ordinal), (string?)Assert.Single(destination["UserFilter"]!.AsArray()));
    }

    [Fact]
    public async Task After_a_key_rotation_the_registered_url_is_updated_in_place_and_other_destinations_are_kept()
    {
        await using var jellyfin = await Start(MediaBrowserFlavor.Jellyfin);
        var config = jellyfin.WebhookSettings.PluginConfiguration;
        config["GenericOptions"]!.AsArray().Add(new JsonObject { ["WebhookName"] = "other", ["WebhookUri"] = "http://ntfy.local/hook", ["Custom"] = 7 });
        jellyfin.WebhookSettings.PluginConfiguration = config;
        using var cli = new CliRunner();
        await AddAsync(cli, "jellyfin", jellyfin);
        await cli.RunAsync("backend:webhook", "jellyfin", "--base-url", Base, "--register");
        var rotated = (await cli.RunAsync("system:apikey", "--rotate")).Out.Trim();

        var again = await cli.RunAsync("backend:webhook", "jellyfin", "--base-url", Base, "--register");

        Assert.Contains("updated in", again.Out, StringComparison.Ordinal);
        var destinations = jellyfin.WebhookSettings.PluginConfiguration["GenericOptions"]!.AsArray();
        Assert.Equal(2, destinations.Count);
        Assert.Equal(7, (int)destinations[0]!["Custom"]!);
        Assert.EndsWith($"apikey={rotated}", (string?)destinations[1]!["WebhookUri"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_webhook_plugin_the_error_says_how_to_install_it()
    {
        await using var jellyfin = await Start(MediaBrowserFlavor.Jellyfin);
        jellyfin.WebhookSettings.PluginInstalled = false;
        using var cli = new CliRunner();
        await AddAsync(cli, "jellyfin", jellyfin);

        var result = await cli.RunAsync("backend:webhook", "jellyfin", "--base-url", Base, "--register");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Webhook plugin is not installed", result.Error, StringComparison.Ordinal);
        Assert.Contains("Catalog", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emby_gets_a_webhooks_notification_service()
    {
        await using var emby = await Start(MediaBrowserFlavor.Emby);
        using var cli = new CliRunner();
        await AddAsync(cli, "emby", emby);

        var result = await cli.RunAsync("backend:webhook", "emby", "--base-url", Base, "--register");

        Assert.True(result.ExitCode == 0, result.ToString());
        var service = Assert.Single(emby.WebhookSettings.EmbyServices)!.AsObject();
        Assert.Equal("webhooknotifications", (string?)service["NotifierKey"]);
        Assert.StartsWith($"{Base}/v1/api/webhook?apikey=", (string?)service["Options"]!["Url"], StringComparison.Ordinal);
        Assert.Contains("item.markunplayed", service["EventIds"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task A_dry_run_says_what_would_be_added_and_writes_nothing()
    {
        await using var emby = await Start(MediaBrowserFlavor.Emby);
        using var cli = new CliRunner();
        await AddAsync(cli, "emby", emby);

        var result = await cli.RunAsync("backend:webhook", "emby", "--base-url", Base, "--register", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("would be added", result.Out, StringComparison.Ordinal);
        Assert.Empty(emby.WebhookSettings.EmbyServices);
        Assert.Empty(emby.Writes);
    }

    [Fact]
    public async Task Plex_adds_the_url_to_the_account_webhooks_and_keeps_the_others()
    {
        await using var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(Library) }, Ct);
        await using var plexTv = await PlexTvSimulator.StartAsync(plex, cancellationToken: Ct);
        plexTv.Webhooks = ["https://example.org/other-hook"];
        using var cli = new CliRunner();
        cli.Environment["WS_PLEXTV_URL"] = plexTv.BaseUrl.ToString();
        var add = await cli.RunAsync("backend:add", "--name", "plex", "--type", "plex", "--url", plex.BaseUrl.ToString(), "--token", plex.AdminToken);
        Assert.True(add.ExitCode == 0, add.ToString());

        var result = await cli.RunAsync("backend:webhook", "plex", "--base-url", Base, "--register");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("plex.tv account webhooks", result.Out, StringComparison.Ordinal);
        Assert.Equal(2, plexTv.Webhooks.Count);
        Assert.Equal("https://example.org/other-hook", plexTv.Webhooks[0]);
        Assert.StartsWith($"{Base}/v1/api/webhook?apikey=", plexTv.Webhooks[1], StringComparison.Ordinal);
        Assert.DoesNotContain(plex.AdminToken, result.Out + result.Error, StringComparison.Ordinal);
    }

    private static Task<MediaBrowserSimulator> Start(MediaBrowserFlavor flavor) =>
        MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions { Flavor = flavor, Library = SimLibrary.Parse(Library) }, Ct);

    private static async Task AddAsync(CliRunner cli, string name, MediaBrowserSimulator sim)
    {
        var add = await cli.RunAsync(
            "backend:add", "--name", name, "--type", name, "--url", sim.BaseUrl.ToString(), "--token", sim.ApiKey, "--user", sim.AdminUserId);
        Assert.True(add.ExitCode == 0, add.ToString());
    }
}
