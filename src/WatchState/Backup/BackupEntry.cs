using System.Text.Json;
using WatchState.Domain;

namespace WatchState.Backup;

/// <summary>
/// Writes one item in the layout of WatchState's backup files (an array of these objects), so a file written here
/// can be restored by WatchState and one written there read by us. See docs/backup.md for every field.
/// </summary>
internal static class BackupEntry
{
    private const string ShowKeyPrefix = "episode:show/";

    public static void Write(Utf8JsonWriter json, string backend, BackupRow row)
    {
        var episode = row.Type == MediaType.Episode;
        json.WriteStartObject();
        json.WriteString("type", episode ? "episode" : "movie");
        json.WriteNumber("watched", row.Played ? 1 : 0);
        json.WriteNumber("updated", Updated(row).ToUnixTimeSeconds());
        if (episode)
        {
            json.WriteString("show", row.SeriesTitle ?? row.Title);
        }

        json.WriteString("title", row.Title);
        if (episode)
        {
            json.WriteNumber("season", row.Season ?? 0);
            json.WriteNumber("episode", row.Episode ?? 0);
        }

        if (row.Year is { } year)
        {
            json.WriteNumber("year", year);
        }
        else
        {
            json.WriteNull("year");
        }

        WriteGuids(json, "guids", row.Keys, parent: false);
        if (episode)
        {
            WriteGuids(json, "parent", row.Keys, parent: true);
        }

        if (!row.Played && row.ProgressMs > 0)
        {
            json.WriteNumber("progress", row.ProgressMs);
        }

        WriteMetadata(json, backend, row, episode);
        json.WriteEndObject();
    }

    /// <summary>
    /// WatchState's <c>updated</c> is the date the backend gives the item: when it was played, else when it was
    /// added. Our last change to the view stands in when the backend gave neither.
    /// </summary>
    private static DateTimeOffset Updated(BackupRow row) =>
        (row.Played ? row.PlayedAt : null) ?? row.AddedAt ?? row.PlayedAt ?? row.UpdatedAt;

    /// <summary>
    /// Our own addition: the backend's item id and its raw view, under the backend's name, as WatchState keeps
    /// them in an entity's <c>metadata</c>. WatchState's restore matches by <c>guids</c> and does not read it.
    /// </summary>
    private static void WriteMetadata(Utf8JsonWriter json, string backend, BackupRow row, bool episode)
    {
        json.WriteStartObject("metadata");
        json.WriteStartObject(backend);
        json.WriteString("id", row.RemoteId);
        json.WriteString("type", episode ? "episode" : "movie");
        json.WriteString("watched", row.Played ? "1" : "0");
        json.WriteString("progress", row.ProgressMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (row.PlayedAt is { } played)
        {
            json.WriteNumber("played_at", played.ToUnixTimeSeconds());
        }

        if (row.AddedAt is { } added)
        {
            json.WriteNumber("added_at", added.ToUnixTimeSeconds());
        }

        json.WriteNumber("play_count", row.PlayCount);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Turns our match keys back into WatchState's <c>guid_{source}</c> ids: the item's own ids
    /// (<c>movie:imdb:tt…</c>, <c>episode:tvdb:…</c>) or, for <paramref name="parent"/>, the show's
    /// (<c>episode:show/tvdb:81189/s1/e1</c>).
    /// </summary>
    private static void WriteGuids(Utf8JsonWriter json, string name, IReadOnlyList<string> keys, bool parent)
    {
        json.WriteStartObject(name);
        HashSet<string> written = new(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (Guid(key, parent) is ({ } source, { } value) && written.Add(source))
            {
                json.WriteString("guid_" + source, value);
            }
        }

        json.WriteEndObject();
    }

    private static (string? Source, string? Value) Guid(string key, bool parent)
    {
        if (key.StartsWith(ShowKeyPrefix, StringComparison.Ordinal))
        {
            if (!parent)
            {
                return default;
            }

            var rest = key[ShowKeyPrefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            var slash = rest.LastIndexOf("/s", StringComparison.Ordinal);
            return colon > 0 && slash > colon ? (rest[..colon], rest[(colon + 1)..slash]) : default;
        }

        if (parent)
        {
            return default;
        }

        var first = key.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : key.IndexOf(':', first + 1);
        return second > first + 1 ? (key[(first + 1)..second], key[(second + 1)..]) : default;
    }
}
