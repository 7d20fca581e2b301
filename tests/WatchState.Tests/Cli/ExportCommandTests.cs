using System.Text.Json;

namespace WatchState.Tests.Cli;

/// <summary>Two-way sync through the command line against Jellyfin, Emby and Plex simulators over real HTTP.</summary>
public class ExportCommandTests
{
    // A play happens "now": an incremental import only reads plays newer than its cursor.
    private static DateTimeOffset Played => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30);

    private static bool PlayedOn(JsonElement item, string backend) =>
        item.GetProperty("backends").GetProperty(backend).GetProperty("played").GetBoolean();

    private static long ProgressOn(JsonElement item, string backend) =>
        item.GetProperty("backends").GetProperty(backend).GetProperty("progressMs").GetInt64();

    [Fact]
    public async Task Watched_on_jellyfin_is_watched_on_plex_and_emby_after_a_sync_and_a_second_sync_writes_nothing()
    {
        await using var s = await ThreeServers.StartAsync();
        await s.RunAsync(0, "state:sync");
        s.Jellyfin.MarkPlayed(s.Jellyfin.AdminUserId, s.Jellyfin.ItemIdOf("The Matrix"), Played);

        var sync = await s.RunAsync(0, "state:sync");
        var writes = s.Writes.Count;
        var again = await s.RunAsync(0, "state:sync");

        Assert.Matches(@"(?m)^#\d+ The Matrix\s+emby\s+played\s+watched on jf", sync.Out);
        Assert.Matches(@"(?m)^#\d+ The Matrix\s+plex\s+played\s+watched on jf", sync.Out);
        Assert.True(s.PlayedOnEmby("The Matrix"));
        Assert.Contains(s.Plex.Writes, w => w.Contains("/:/scrobble", StringComparison.Ordinal) && w.Contains("key=" + s.Plex.RatingKeyOf("The Matrix"), StringComparison.Ordinal));
        Assert.Empty(s.Jellyfin.Writes);
        Assert.Equal(writes, s.Writes.Count);
        Assert.Contains("Nothing to write", again.Out, StringComparison.Ordinal);
        var item = await s.ItemAsync("The Matrix");
        Assert.True(PlayedOn(item, "plex"));
        Assert.True(PlayedOn(item, "emby"));
        Assert.False(s.PlayedOnEmby("Inception"));
    }

    [Fact]
    public async Task An_explicit_unwatch_and_watch_reach_every_server()
    {
        await using var s = await ThreeServers.StartAsync();
        s.Jellyfin.MarkPlayed(s.Jellyfin.AdminUserId, s.Jellyfin.ItemIdOf("The Matrix"), Played);
        await s.RunAsync(0, "state:sync");
        Assert.True(s.PlayedOnEmby("The Matrix"));

        var unwatch = await s.RunAsync(0, "history:unwatch", await s.IdOfAsync("The Matrix"));
        var watch = await s.RunAsync(0, "history:watch", await s.IdOfAsync("Inception"));
        await s.RunAsync(0, "state:sync");
        var writes = s.Writes.Count;
        var again = await s.RunAsync(0, "state:sync");

        Assert.Contains("now unwatched (explicit)", unwatch.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^#\d+ The Matrix\s+jf\s+unplayed", unwatch.Out);
        Assert.False(s.PlayedOnJellyfin("The Matrix"));
        Assert.False(s.PlayedOnEmby("The Matrix"));
        Assert.Contains(s.Plex.Writes, w => w.Contains("/:/unscrobble", StringComparison.Ordinal));
        Assert.Contains("now watched (explicit)", watch.Out, StringComparison.Ordinal);
        Assert.True(s.PlayedOnJellyfin("Inception"));
        Assert.True(s.PlayedOnEmby("Inception"));
        var matrix = await s.ItemAsync("The Matrix");
        Assert.False(matrix.GetProperty("watched").GetBoolean());
        Assert.False(PlayedOn(matrix, "plex"));
        Assert.True(PlayedOn(await s.ItemAsync("Inception"), "plex"));
        Assert.Equal(writes, s.Writes.Count);
        Assert.Contains("Nothing to write", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_midway_on_emby_moves_the_resume_point_to_jellyfin_and_plex()
    {
        await using var s = await ThreeServers.StartAsync();
        await s.RunAsync(0, "state:sync");
        var position = TimeSpan.FromMinutes(21) + TimeSpan.FromSeconds(13);
        s.Emby.SetPosition(s.Emby.AdminUserId, s.Emby.ItemIdOf("Breaking Bad S01E02"), position);

        var sync = await s.RunAsync(0, "state:sync");
        await s.RunAsync(0, "state:sync");

        Assert.Matches(@"(?m)^#\d+ Breaking Bad S01E02\s+jf\s+resume 0:21:13", sync.Out);
        var onJellyfin = s.Jellyfin.GetPlayState(s.Jellyfin.AdminUserId, s.Jellyfin.ItemIdOf("Breaking Bad S01E02")).Position;
        Assert.InRange(onJellyfin, position - TimeSpan.FromSeconds(1), position + TimeSpan.FromSeconds(1));
        Assert.Contains(s.Plex.Writes, w => w.Contains("/:/timeline", StringComparison.Ordinal) && w.Contains("state=stopped", StringComparison.Ordinal));
        var item = await s.ItemAsync("Breaking Bad S01E02");
        Assert.InRange(ProgressOn(item, "plex"), (long)position.TotalMilliseconds - 1000, (long)position.TotalMilliseconds + 1000);
        Assert.False(PlayedOn(item, "plex"));
    }

    [Fact]
    public async Task With_one_server_down_the_others_are_updated_and_the_down_one_catches_up_later()
    {
        await using var s = await ThreeServers.StartAsync();
        await s.RunAsync(0, "state:sync");
        s.Jellyfin.MarkPlayed(s.Jellyfin.AdminUserId, s.Jellyfin.ItemIdOf("The Matrix"), Played);
        s.Emby.Faults.Down = true;

        var down = await s.RunAsync(1, "state:sync");
        var waiting = await s.RunAsync(0, "outbox:list", "-o", "json");
        s.Emby.Faults.Down = false;
        var back = await s.RunAsync(0, "state:sync");
        var empty = await s.RunAsync(0, "outbox:list");

        Assert.Contains(s.Plex.Writes, w => w.Contains("/:/scrobble", StringComparison.Ordinal));
        Assert.Contains("emby:", down.Error, StringComparison.Ordinal);
        var pending = Assert.Single(JsonDocument.Parse(waiting.Out).RootElement.EnumerateArray());
        Assert.Equal("emby", pending.GetProperty("backend").GetString());
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal("played", pending.GetProperty("change").GetString());
        Assert.False(string.IsNullOrEmpty(pending.GetProperty("lastError").GetString()));
        Assert.True(s.PlayedOnEmby("The Matrix"));
        Assert.Matches(@"(?m)^emby\s+1\s+0\s+0\s+0\s+ok$", back.Out);
        Assert.Contains("The outbox is empty", empty.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_being_played_on_a_server_is_not_written_until_playback_stops()
    {
        await using var s = await ThreeServers.StartAsync();
        await s.RunAsync(0, "state:sync");
        s.Jellyfin.MarkPlayed(s.Jellyfin.AdminUserId, s.Jellyfin.ItemIdOf("The Matrix"), Played);
        s.Emby.StartPlaying(s.Emby.AdminUserId, s.Emby.ItemIdOf("The Matrix"), TimeSpan.FromMinutes(3));

        var playing = await s.RunAsync(1, "state:sync");
        var waiting = await s.RunAsync(0, "outbox:list");
        var writesWhilePlaying = s.Emby.Writes;
        s.Emby.StopPlaying(s.Emby.AdminUserId, s.Emby.ItemIdOf("The Matrix"));
        await s.RunAsync(0, "state:sync");

        Assert.Matches(@"(?m)^emby\s+0\s+1\s+0\s+0\s+incomplete$", playing.Out);
        Assert.DoesNotContain(writesWhilePlaying, w => w.Contains("PlayedItems", StringComparison.Ordinal));
        Assert.Contains("being played", waiting.Out, StringComparison.Ordinal);
        Assert.True(s.PlayedOnEmby("The Matrix"));
    }

    [Fact]
    public async Task A_dry_run_prints_the_plan_and_the_servers_see_no_write()
    {
        await using var s = await ThreeServers.StartAsync();
        s.Jellyfin.MarkPlayed(s.Jellyfin.AdminUserId, s.Jellyfin.ItemIdOf("The Matrix"), Played);
        await s.RunAsync(0, "state:import");
        var before = s.Writes.Count;

        var dry = await s.RunAsync(0, "state:export", "--dry-run");
        var json = await s.RunAsync(0, "state:export", "--dry-run", "-o", "json", "-s", "plex");
        var outbox = await s.RunAsync(0, "outbox:list");

        Assert.Equal(before, s.Writes.Count);
        Assert.False(s.PlayedOnEmby("The Matrix"));
        Assert.Matches(@"(?m)^#\d+ The Matrix\s+emby\s+played", dry.Out);
        Assert.Contains("Dry run: nothing was written.", dry.Out, StringComparison.Ordinal);
        using var plan = JsonDocument.Parse(json.Out);
        Assert.True(plan.RootElement.GetProperty("dryRun").GetBoolean());
        var write = Assert.Single(plan.RootElement.GetProperty("plan").EnumerateArray());
        Assert.Equal("plex", write.GetProperty("backend").GetString());
        Assert.Equal(s.Plex.RatingKeyOf("The Matrix"), write.GetProperty("remoteId").GetString());
        Assert.Contains("The outbox is empty", outbox.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scheduled_export_task_pushes_the_differences()
    {
        await using var s = await ThreeServers.StartAsync();
        s.Jellyfin.MarkPlayed(s.Jellyfin.AdminUserId, s.Jellyfin.ItemIdOf("The Matrix"), Played);
        await s.RunAsync(0, "state:import");

        var run = await s.RunAsync(0, "system:tasks", "--run", "export");

        Assert.True(s.PlayedOnEmby("The Matrix"), run.ToString());
        Assert.Contains(s.Plex.Writes, w => w.Contains("/:/scrobble", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_items_and_backends_are_clear_errors()
    {
        await using var s = await ThreeServers.StartAsync();

        var item = await s.Cli.RunAsync("history:watch", "424242");
        var backend = await s.Cli.RunAsync("state:export", "-s", "kodi");

        Assert.Equal(1, item.ExitCode);
        Assert.Contains("No item with id 424242", item.Error, StringComparison.Ordinal);
        Assert.Equal(2, backend.ExitCode);
        Assert.Contains("'kodi'", backend.Error, StringComparison.Ordinal);
    }
}
