using System.Text.Json;
using Microsoft.Data.Sqlite;
using WatchState.Simulator;
using WatchState.Tests.Cli;
using WatchState.Tests.Webhooks;

namespace WatchState.Tests.Ignoring;

/// <summary>
/// Item rules in <c>serve</c>: a webhook and a live event about an ignored item are dropped with the reason
/// (events:list shows it), and a change pushed from the other server is never written to the ignored item.
/// </summary>
public sealed class IgnoreItemEventsTests : IAsyncLifetime
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
        """;

    private static readonly DateTimeOffset Evening = new(2026, 11, 20, 20, 0, 0, TimeSpan.Zero);

    private readonly CliRunner _cli = new();
    private MediaBrowserSimulator _jellyfin = null!;
    private MediaBrowserSimulator _emby = null!;
    private InProcessServe _serve = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(Library) }, Ct);
        _emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(Library) }, Ct);
        _cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {_jellyfin.BaseUrl}
              token: {_jellyfin.ApiKey}
              user: {_jellyfin.AdminUserId}
              uuid: {_jellyfin.ServerId}
            emby:
              type: emby
              url: {_emby.BaseUrl}
              token: {_emby.ApiKey}
              user: {_emby.AdminUserId}
              uuid: {_emby.ServerId}

            """);
        await RunAsync("state:sync");
        await RunAsync("ignore:add", "--item", _jellyfin.ItemIdOf("The Matrix"), "-s", "jf");
        await RunAsync("ignore:add", "--item", _jellyfin.ItemIdOf("Inception"), "-s", "jf");
        _serve = await InProcessServe.StartAsync(_cli.Data);
        Assert.True(await InProcessServe.EventuallyAsync(() => Task.FromResult(_jellyfin.SocketCount == 1 && _emby.SocketCount == 1)));
    }

    public async ValueTask DisposeAsync()
    {
        await _serve.DisposeAsync();
        await _jellyfin.DisposeAsync();
        await _emby.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    [Fact]
    public async Task A_webhook_about_an_ignored_item_is_dropped_with_the_reason_and_changes_nothing()
    {
        var matrix = _jellyfin.ItemIdOf("The Matrix");
        var request = WebhookHarness.Edited(
            "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json",
            WebhookSamples.JellyfinAgent,
            j =>
            {
                j["ServerId"] = _jellyfin.ServerId;
                j["UserId"] = _jellyfin.AdminUserId;
                j["ItemId"] = matrix;
            });

        using var response = await _serve.PostAsync(request);
        Assert.True(response.IsSuccessStatusCode, response.ToString());

        var reason = $"ignored item (item://jf?id={matrix} in config/ignore.yaml)";
        Assert.True(await InProcessServe.EventuallyAsync(() => EventWithReasonAsync("jellyfin", "ignored", reason)));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM items WHERE title = 'The Matrix' AND watched = 1"));
        Assert.False(_emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf("The Matrix")).Played);
    }

    [Fact]
    public async Task A_live_event_about_an_ignored_item_is_dropped_with_the_reason()
    {
        var inception = _jellyfin.ItemIdOf("Inception");

        _jellyfin.MarkPlayed(_jellyfin.AdminUserId, inception, Evening);

        var reason = $"ignored item (item://jf?id={inception} in config/ignore.yaml)";
        Assert.True(await InProcessServe.EventuallyAsync(() => EventWithReasonAsync("jellyfin.live", "ignored", reason)));
        Assert.False(_emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf("Inception")).Played);
    }

    [Fact]
    public async Task A_change_on_the_other_server_is_pushed_everywhere_but_to_the_ignored_item()
    {
        _emby.MarkPlayed(_emby.AdminUserId, _emby.ItemIdOf("The Matrix"), Evening);
        Assert.True(await InProcessServe.EventuallyAsync(
            async () => await ScalarAsync("SELECT count(*) FROM items WHERE title = 'The Matrix' AND watched = 1") == 1));

        // A later change that is pushed: once it is on Jellyfin, the push of the earlier one has run too.
        _emby.MarkPlayed(_emby.AdminUserId, _emby.ItemIdOf("Breaking Bad S01E01"), Evening);
        Assert.True(await InProcessServe.EventuallyAsync(
            () => Task.FromResult(_jellyfin.GetPlayState(_jellyfin.AdminUserId, _jellyfin.ItemIdOf("Breaking Bad S01E01")).Played)));

        Assert.False(_jellyfin.GetPlayState(_jellyfin.AdminUserId, _jellyfin.ItemIdOf("The Matrix")).Played);
        Assert.DoesNotContain(_jellyfin.Writes, w => w.Contains(_jellyfin.ItemIdOf("The Matrix"), StringComparison.OrdinalIgnoreCase));
    }

    private async Task<bool> EventWithReasonAsync(string source, string status, string reason)
    {
        var list = await _cli.RunAsync("events:list", "-o", "json");
        if (list.ExitCode != 0)
        {
            return false;
        }

        using var json = JsonDocument.Parse(list.Out);
        return json.RootElement.EnumerateArray().Any(e =>
            e.GetProperty("source").GetString() == source
            && e.GetProperty("status").GetString() == status
            && e.GetProperty("reason").GetString() == reason);
    }

    private async Task RunAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_cli.Data.Paths.DatabaseFile};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
