using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace WatchState.Tests.Migration;

/// <summary>
/// A WatchState (PHP) data directory written the way WatchState lays it out: config/servers.yaml, config/.env,
/// config/mapper.yaml, config/ignore.yaml, db/watchstate_v01.db and users/NAME/{servers.yaml,user_v01.db}. The
/// databases get the <c>state</c> table of WatchState's SQLite migrations (create_state_table, then
/// add_created_updated_at_fields).
/// </summary>
internal sealed class WatchStateDirectory : IDisposable
{
    private const string Schema = """
        CREATE TABLE "state" (
            "id"       integer NOT NULL PRIMARY KEY AUTOINCREMENT,
            "type"     text    NOT NULL,
            "updated"  integer NOT NULL,
            "watched"  integer NOT NULL DEFAULT '0',
            "via"      text    NOT NULL,
            "title"    text    NOT NULL,
            "year"     integer NULL,
            "season"   integer NULL,
            "episode"  integer NULL,
            "parent"   text    NULL,
            "guids"    text    NULL,
            "metadata" text    NULL,
            "extra"    text    NULL
        );
        CREATE INDEX "state_type" ON "state" ("type");
        ALTER TABLE "state" ADD COLUMN "created_at" integer NOT NULL DEFAULT '0';
        ALTER TABLE "state" ADD COLUMN "updated_at" integer NOT NULL DEFAULT '0';
        """;

    private readonly TempDirectory _dir = new();

    public string Root => _dir.Path;

    public string File(string relative) => _dir.File(relative);

    public void Write(string relative, string text)
    {
        var path = File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
    }

    /// <summary>Creates a database with WatchState's schema and the given rows (main: db/watchstate_v01.db).</summary>
    public void WriteDatabase(string relative, IEnumerable<WsRow> rows)
    {
        var path = File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = Schema;
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO state (type, updated, watched, via, title, year, season, episode, parent, guids, metadata, extra, created_at, updated_at)
            VALUES ($type, $updated, $watched, $via, $title, $year, $season, $episode, $parent, $guids, $metadata, $extra, $updated, $updated)
            """;
        foreach (var name in new[] { "$type", "$updated", "$watched", "$via", "$title", "$year", "$season", "$episode", "$parent", "$guids", "$metadata", "$extra" })
        {
            insert.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        foreach (var row in rows)
        {
            var p = insert.Parameters;
            p["$type"].Value = row.Type;
            p["$updated"].Value = row.Updated;
            p["$watched"].Value = row.Watched ? 1 : 0;
            p["$via"].Value = row.Metadata.Count > 0 ? row.Metadata.First().Key : "plex";
            p["$title"].Value = row.Title;
            p["$year"].Value = (object?)row.Year ?? DBNull.Value;
            p["$season"].Value = (object?)row.Season ?? DBNull.Value;
            p["$episode"].Value = (object?)row.Episode ?? DBNull.Value;
            p["$parent"].Value = Guids(row.Parent);
            p["$guids"].Value = Guids(row.Guids);
            var metadata = new JsonObject();
            foreach (var (backend, meta) in row.Metadata)
            {
                metadata[backend] = meta.ToJson(row.Type);
            }

            p["$metadata"].Value = metadata.ToJsonString();
            p["$extra"].Value = "{}";
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose() => _dir.Dispose();

    private static string Guids(IReadOnlyDictionary<string, string> guids)
    {
        var json = new JsonObject();
        foreach (var (source, value) in guids)
        {
            json["guid_" + source] = value;
        }

        return json.ToJsonString();
    }
}

/// <summary>One row of WatchState's state table: <c>Title</c> is the show's for episodes, as WatchState stores it.</summary>
internal sealed record WsRow(string Type, string Title, int? Year, bool Watched, long Updated)
{
    public int? Season { get; init; }
    public int? Episode { get; init; }
    public IReadOnlyDictionary<string, string> Guids { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Parent { get; init; } = new Dictionary<string, string>();
    public Dictionary<string, WsMeta> Metadata { get; init; } = [];
}

/// <summary>One backend's entry of <c>metadata</c>; WatchState stores numbers as strings, so do we.</summary>
internal sealed record WsMeta(string Id, bool Watched, DateTimeOffset? PlayedAt, DateTimeOffset? AddedAt, long ProgressMs, string? EpisodeTitle = null)
{
    public JsonObject ToJson(string type)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["type"] = type,
            ["watched"] = Watched ? "1" : "0",
            ["via"] = "x",
            ["progress"] = ProgressMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (AddedAt is { } added)
        {
            json["added_at"] = added.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (PlayedAt is { } played)
        {
            json["played_at"] = played.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (EpisodeTitle is not null)
        {
            json["extra"] = new JsonObject { ["title"] = EpisodeTitle };
        }

        return json;
    }
}
