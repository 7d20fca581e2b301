using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WatchState.Configuration;
using WatchState.Domain;

namespace WatchState.Migration;

/// <summary>One row of WatchState's <c>state</c> table, its JSON columns parsed.</summary>
/// <param name="Type">Null for a type we do not sync (WatchState also knows <c>show</c>).</param>
/// <param name="Updated">WatchState's <c>updated</c>: when the row's play state last changed, Unix seconds.</param>
/// <param name="Title">The movie's title, or for an episode the show's title (WatchState keeps episode names per backend).</param>
internal sealed record StateRow(
    long Id,
    MediaType? Type,
    string RawType,
    long Updated,
    bool Watched,
    string Title,
    int? Year,
    int? Season,
    int? Episode,
    IReadOnlyList<ExternalId> Ids,
    IReadOnlyList<ExternalId> ShowIds,
    IReadOnlyList<BackendMetadata> Metadata);

/// <summary>What WatchState recorded about the row's item on one backend (an entry of <c>metadata</c>).</summary>
internal sealed record BackendMetadata(
    string Backend,
    string? RemoteId,
    bool Watched,
    long ProgressMs,
    DateTimeOffset? PlayedAt,
    DateTimeOffset? AddedAt,
    int? PlayCount,
    string? EpisodeTitle);

/// <summary>
/// Streams the <c>state</c> table of a WatchState database (read-only, one row at a time). The columns are those of
/// WatchState's migrations: <c>id, type, updated, watched, via, title, year, season, episode, parent, guids,
/// metadata, extra</c> (JSON in the last four).
/// </summary>
internal static class StateRowReader
{
    private const string GuidPrefix = "guid_";

    /// <summary>Opens the file read-only and checks it has a <c>state</c> table.</summary>
    /// <exception cref="ConfigException">The file is not a readable WatchState database.</exception>
    public static async Task<SqliteConnection> OpenAsync(string file, string display, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var check = connection.CreateCommand();
            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'state'";
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                throw new ConfigException(display, null, "has no 'state' table: not a WatchState database");
            }

            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new ConfigException(display, null, $"cannot be read as a SQLite database: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task<long> CountAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM state";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async IAsyncEnumerable<StateRow> ReadAsync(
        SqliteConnection connection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, type, updated, watched, title, year, season, episode, parent, guids, metadata
            FROM state ORDER BY id
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var rawType = reader.IsDBNull(1) ? "" : reader.GetString(1);
            yield return new StateRow(
                reader.GetInt64(0),
                rawType switch { "movie" => MediaType.Movie, "episode" => MediaType.Episode, _ => null },
                rawType,
                reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
                !reader.IsDBNull(3) && reader.GetInt64(3) != 0,
                reader.IsDBNull(4) ? "" : reader.GetString(4),
                NullableInt(reader, 5),
                NullableInt(reader, 6),
                NullableInt(reader, 7),
                Guids(Text(reader, 9)),
                Guids(Text(reader, 8)),
                Metadata(Text(reader, 10)));
        }
    }

    /// <summary>
    /// WatchState's <c>{"guid_imdb": "tt0133093", "guid_tvdb": "81189"}</c> as our ids; Plex's own ids and values
    /// malformed for their source are dropped, as our import drops them.
    /// </summary>
    internal static IReadOnlyList<ExternalId> Guids(string? json)
    {
        if (Parse(json) is not { } root)
        {
            return [];
        }

        using (root)
        {
            var ids = new List<ExternalId>();
            foreach (var property in root.RootElement.EnumerateObject())
            {
                var source = property.Name.StartsWith(GuidPrefix, StringComparison.OrdinalIgnoreCase) ? property.Name[GuidPrefix.Length..] : property.Name;
                if (source.Equals("plex", StringComparison.OrdinalIgnoreCase) || Scalar(property.Value) is not { } value)
                {
                    continue;
                }

                if (ExternalIds.Create(source, value) is { } id)
                {
                    ids.Add(id);
                }
            }

            return ExternalIds.Order(ids);
        }
    }

    internal static IReadOnlyList<BackendMetadata> Metadata(string? json)
    {
        if (Parse(json) is not { } root)
        {
            return [];
        }

        using (root)
        {
            var list = new List<BackendMetadata>();
            foreach (var backend in root.RootElement.EnumerateObject())
            {
                if (backend.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var meta = backend.Value;
                var progress = Number(meta, "progress") ?? 0;
                string? episodeTitle = null;
                if (meta.TryGetProperty("extra", out var extra) && extra.ValueKind == JsonValueKind.Object
                    && extra.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
                {
                    episodeTitle = title.GetString();
                }

                list.Add(new BackendMetadata(
                    backend.Name,
                    meta.TryGetProperty("id", out var id) ? Scalar(id) : null,
                    (Number(meta, "watched") ?? 0) != 0,
                    Math.Max(0, progress),
                    Seconds(Number(meta, "played_at")),
                    Seconds(Number(meta, "added_at")),
                    Number(meta, "play_count") is { } count ? (int)Math.Clamp(count, 0, int.MaxValue) : null,
                    string.IsNullOrWhiteSpace(episodeTitle) ? null : episodeTitle));
            }

            return list;
        }
    }

    private static DateTimeOffset? Seconds(long? value) =>
        value is > 0 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(value.Value) : null;

    /// <summary>A number WatchState may have stored as a JSON number or as a string ("1", "1712345678").</summary>
    private static long? Number(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number => (long)value.GetDouble(),
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (long)d,
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            _ => null,
        };
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? NullableInt(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (int)Math.Clamp(reader.GetInt64(ordinal), int.MinValue, int.MaxValue);
}
