using System.Text.Json;
using WatchState.Storage;

namespace WatchState.Tests.Identities;

/// <summary><c>identities:list</c> and <c>identities:remove</c> after provisioning the household.</summary>
public sealed class IdentitiesListRemoveTests
{
    private static CancellationToken Ct => Household.Ct;

    [Fact]
    public async Task List_shows_every_identity_main_first_with_user_ids_and_item_counts_but_no_token()
    {
        await using var h = await Household.StartAsync();
        await h.ProvisionAsync("--pin", $"plex:bob={Household.BobsPin}");
        await AddRowsAsync(h, ("alice", 2), ("main", 3));

        var json = await h.RunAsync(0, "identities:list", "-o", "json");
        var text = await h.RunAsync(0, "identities:list");

        var list = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["main", "alice", "bob", "carol"], list.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal([3L, 2L, 0L, 0L], list.Select(i => i.GetProperty("items").GetInt64()));
        var alice = list[1].GetProperty("backends").EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("user").GetString());
        Assert.Equal(h.Jellyfin.UserIdOf("alice"), alice["jf"]);
        Assert.Equal(h.PlexIdOf("ally"), alice["plex"]);
        Assert.Equal("config/users/carol/servers.yaml", list[3].GetProperty("file").GetString());
        Assert.DoesNotContain(h.Jellyfin.ApiKey, json.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Plex.TokenOf("ally"), json.Out + text.Out, StringComparison.Ordinal);
        Assert.Contains("carol", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_drops_the_folder_and_only_that_identitys_rows_in_every_table()
    {
        await using var h = await Household.StartAsync();
        await h.ProvisionAsync("--pin", $"plex:bob={Household.BobsPin}");
        await AddRowsAsync(h, ("alice", 2), ("main", 3), ("bob", 1));

        var dry = await h.RunAsync(0, "identities:remove", "alice", "--dry-run");
        Assert.True(File.Exists(h.ServersPath("alice")));
        Assert.Equal(2, (await CountsAsync(h))["alice"]);
        Assert.Contains("items 2", dry.Out, StringComparison.Ordinal);
        Assert.Contains("history 2", dry.Out, StringComparison.Ordinal);

        var removed = await h.RunAsync(0, "identities:remove", "alice");

        Assert.False(Directory.Exists(Path.GetDirectoryName(h.ServersPath("alice"))));
        Assert.Contains("items 2", removed.Out, StringComparison.Ordinal);
        Assert.Contains("cursors 1", removed.Out, StringComparison.Ordinal);
        var counts = await CountsAsync(h);
        Assert.False(counts.ContainsKey("alice"));
        Assert.Equal((3L, 1L), (counts["main"], counts["bob"]));
        Assert.Equal(0, await ScalarAsync(h, "SELECT count(*) FROM history WHERE identity = 'alice'"));
        Assert.Equal(0, await ScalarAsync(h, "SELECT count(*) FROM item_keys WHERE identity = 'alice'"));
        Assert.Equal(4, await ScalarAsync(h, "SELECT count(*) FROM history"));
        Assert.True(File.Exists(h.ServersPath("bob")));
    }

    [Fact]
    public async Task Keep_state_removes_only_the_folder_and_the_rows_can_be_dropped_later()
    {
        await using var h = await Household.StartAsync();
        await h.ProvisionAsync("--pin", $"plex:bob={Household.BobsPin}");
        await AddRowsAsync(h, ("carol", 2));

        await h.RunAsync(0, "identities:remove", "carol", "--keep-state");
        var listed = await h.RunAsync(0, "identities:list");
        Assert.Equal(2, (await CountsAsync(h))["carol"]);
        Assert.Contains("identities:remove carol", listed.Error, StringComparison.Ordinal);

        await h.RunAsync(0, "identities:remove", "carol");
        Assert.False((await CountsAsync(h)).ContainsKey("carol"));
    }

    [Fact]
    public async Task Main_cannot_be_removed_and_an_unknown_name_lists_the_known_ones()
    {
        await using var h = await Household.StartAsync();
        await h.ProvisionAsync("--pin", $"plex:bob={Household.BobsPin}");

        var main = await h.RunAsync(1, "identities:remove", "main");
        var unknown = await h.RunAsync(1, "identities:remove", "zoe");

        Assert.Contains("'main' is config/servers.yaml and cannot be removed", main.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(h.Cli.Data.Paths.ServersFile));
        Assert.Contains("no identity 'zoe'; known: main, alice, bob, carol", unknown.Error, StringComparison.Ordinal);
    }

    /// <summary>Items of each identity with a key, a history row each, and one cursor per identity.</summary>
    private static async Task AddRowsAsync(Household h, params (string Identity, int Items)[] rows)
    {
        var database = new Database(h.Cli.Data.Paths.DatabaseFile);
        await using var connection = await database.OpenAsync(Ct);
        foreach (var (identity, items) in rows)
        {
            for (var i = 0; i < items; i++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO items (identity, type, title, watched, state_at, created_at, updated_at) VALUES ($identity, 0, $title, 1, 1, 1, 1);
                    INSERT INTO item_keys (identity, key, item_id) VALUES ($identity, 'movie:imdb:tt' || $title, last_insert_rowid());
                    INSERT INTO history (item_id, identity, at, kind, field, applied, reason) VALUES (last_insert_rowid(), $identity, 1, 'import', 'watched', 1, 'test');
                    """;
                command.Parameters.AddWithValue("$identity", identity);
                command.Parameters.AddWithValue("$title", $"{identity}{i}");
                await command.ExecuteNonQueryAsync(Ct);
            }

            await using var cursor = connection.CreateCommand();
            cursor.CommandText = "INSERT INTO cursors (identity, backend, direction, value, updated_at) VALUES ($identity, 'jf', 'import', '1', 1)";
            cursor.Parameters.AddWithValue("$identity", identity);
            await cursor.ExecuteNonQueryAsync(Ct);
        }
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountsAsync(Household h) =>
        await new IdentityPurge(new Database(h.Cli.Data.Paths.DatabaseFile)).ItemCountsAsync(Ct);

    private static async Task<long> ScalarAsync(Household h, string sql)
    {
        await using var connection = await new Database(h.Cli.Data.Paths.DatabaseFile).OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
