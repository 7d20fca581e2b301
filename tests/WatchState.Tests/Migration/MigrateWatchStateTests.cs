using System.Text.Json;

namespace WatchState.Tests.Migration;

public sealed class MigrateWatchStateTests
{
    [Fact]
    public async Task Migration_brings_backends_identities_settings_rules_and_play_state_and_the_next_sync_writes_nothing()
    {
        await using var home = await MigrationHousehold.StartAsync();

        var migrated = await home.RunAsync(0, "migrate:watchstate", home.WatchState.Root, "-o", "json");
        var report = JsonDocument.Parse(migrated.Out).RootElement;
        var identities = report.GetProperty("identities").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(["alice", "main"], identities.Keys.Order(StringComparer.Ordinal));

        var main = identities["main"];
        Assert.Equal("db/watchstate_v01.db", main.GetProperty("database").GetString());
        Assert.Equal(MigrationHousehold.Items + 2, main.GetProperty("rows").GetInt64());
        Assert.Equal(MigrationHousehold.Items + 1, main.GetProperty("items").GetInt64()); // + the movie known only to a removed backend
        Assert.Equal(MigrationHousehold.PlayedCount("admin") + 1, main.GetProperty("played").GetInt64());
        Assert.Equal(MigrationHousehold.InProgressCount("admin"), main.GetProperty("inProgress").GetInt64());
        Assert.Equal(MigrationHousehold.Items, main.GetProperty("views").GetProperty("plex").GetInt64());
        Assert.Equal(MigrationHousehold.Items, main.GetProperty("views").GetProperty("jellyfin").GetInt64());
        Assert.Equal(1, main.GetProperty("skipped").GetInt64());

        var alice = identities["alice"];
        Assert.Equal("users/alice/user_v01.db", alice.GetProperty("database").GetString());
        Assert.Equal(MigrationHousehold.Items, alice.GetProperty("items").GetInt64());
        Assert.Equal(MigrationHousehold.PlayedCount("alice"), alice.GetProperty("played").GetInt64());
        Assert.Equal(MigrationHousehold.InProgressCount("alice"), alice.GetProperty("inProgress").GetInt64());

        // What could not be mapped is reported with the reason.
        var problems = report.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("what").GetString() + ": " + p.GetProperty("detail").GetString()).ToList();
        Assert.Contains(problems, p => p.StartsWith("row: no usable ids", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("row: metadata of backend 'emby_old'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("env: WS_SOME_OLD_SETTING", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("env: ", StringComparison.Ordinal) && p.Contains("WS_PROGRESS_MINIMUM", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ignore: config/ignore.yaml line 2", StringComparison.Ordinal));
        Assert.Equal(["WS_TZ", "WS_BACKUP_KEEP_DAYS"], report.GetProperty("settings").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, report.GetProperty("ignoreRules").GetInt32());
        Assert.True(report.GetProperty("mapper").GetBoolean());

        // Backends and identities, as our own commands see them; tokens kept, files private.
        var paths = home.Cli.Data.Paths;
        var backends = JsonDocument.Parse((await home.RunAsync(0, "backend:list", "-o", "json")).Out).RootElement;
        Assert.Equal(["plex", "jellyfin"], backends.EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Contains(home.Plex.AdminToken, await File.ReadAllTextAsync(paths.ServersFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(paths.ServersFile));
        }

        var aliceServers = await File.ReadAllTextAsync(Path.Combine(paths.ConfigDir, "users", "alice", "servers.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains(home.Plex.TokenOf("alice"), aliceServers, StringComparison.Ordinal);
        Assert.Contains("WS_TZ=Europe/Berlin", await File.ReadAllTextAsync(paths.EnvFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("movie://imdb:tt7777777@plex", (await home.RunAsync(0, "ignore:list")).Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(paths.ConfigDir, "mapper.yaml")));

        // Play state, per identity, as history:list shows it.
        var aliceItems = await ItemsAsync(home, "alice");
        Assert.Equal(MigrationHousehold.Items, aliceItems.Count);
        Assert.Equal(MigrationHousehold.PlayedCount("alice"), aliceItems.Count(i => i.GetProperty("watched").GetBoolean()));
        var matrix = aliceItems.Single(i => i.GetProperty("title").GetString() == "Movie 001");
        Assert.True(matrix.GetProperty("watched").GetBoolean());
        Assert.Equal(home.Plex.RatingKeyOf("Movie 001"), matrix.GetProperty("backends").GetProperty("plex").GetProperty("remoteId").GetString());
        var episode = aliceItems.Single(i => i.GetProperty("title").GetString() == "Show A S01E03");
        Assert.Equal("Show A", episode.GetProperty("seriesTitle").GetString());
        Assert.Equal(home.Jellyfin.ItemIdOf("Show A S01E03"), episode.GetProperty("backends").GetProperty("jellyfin").GetProperty("remoteId").GetString());

        // The check: the servers already hold this state, so the next sync changes nothing on them.
        await home.RunAsync(0, "state:sync", "--all");
        Assert.Empty(home.Plex.Writes);
        Assert.Empty(home.Jellyfin.Writes);
        Assert.Equal(MigrationHousehold.Items, (await ItemsAsync(home, "alice")).Count);
        Assert.Equal(MigrationHousehold.Items + 1, (await ItemsAsync(home, "main")).Count);
    }

    [Fact]
    public async Task Dry_run_reports_the_same_counts_and_writes_nothing()
    {
        await using var home = await MigrationHousehold.StartAsync();

        var result = await home.RunAsync(0, "migrate:watchstate", home.WatchState.Root, "--dry-run");

        Assert.Contains("Dry run: nothing was written.", result.Out, StringComparison.Ordinal);
        Assert.Contains("users/alice/user_v01.db", result.Out, StringComparison.Ordinal);
        var paths = home.Cli.Data.Paths;
        Assert.False(File.Exists(paths.ServersFile));
        Assert.False(File.Exists(paths.DatabaseFile));
        Assert.False(Directory.Exists(Path.Combine(paths.ConfigDir, "users")));
    }

    [Fact]
    public async Task A_second_run_is_refused_and_changes_nothing_unless_forced()
    {
        await using var home = await MigrationHousehold.StartAsync();
        await home.RunAsync(0, "migrate:watchstate", home.WatchState.Root);
        var servers = await File.ReadAllTextAsync(home.Cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken);

        var refused = await home.RunAsync(1, "migrate:watchstate", home.WatchState.Root);

        Assert.Contains("is not empty", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(servers, await File.ReadAllTextAsync(home.Cli.Data.Paths.ServersFile, TestContext.Current.CancellationToken));

        var forced = await home.RunAsync(0, "migrate:watchstate", home.WatchState.Root, "--force", "-o", "json");
        var main = JsonDocument.Parse(forced.Out).RootElement.GetProperty("identities")[0];
        Assert.Equal(MigrationHousehold.Items + 1, main.GetProperty("items").GetInt64());
        Assert.Equal(MigrationHousehold.Items + 1, (await ItemsAsync(home, "main")).Count);
    }

    [Fact]
    public async Task The_config_folder_itself_is_accepted_as_the_path()
    {
        await using var home = await MigrationHousehold.StartAsync();

        var result = await home.RunAsync(0, "migrate:watchstate", Path.Combine(home.WatchState.Root, "config"), "--dry-run", "-o", "json");

        Assert.Equal(2, JsonDocument.Parse(result.Out).RootElement.GetProperty("identities").GetArrayLength());
    }

    private static async Task<List<JsonElement>> ItemsAsync(MigrationHousehold home, string identity)
    {
        var listed = await home.RunAsync(0, "history:list", "-u", identity, "--limit", "0", "-o", "json");
        return [.. JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Select(i => i.Clone())];
    }
}
