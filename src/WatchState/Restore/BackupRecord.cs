using System.Text.Json;
using System.Text.Json.Serialization;

namespace WatchState.Restore;

/// <summary>
/// One entry of a backup file, ours or WatchState's (the layout in docs/backup.md). Ids are read as JSON values so a
/// hand-edited file with numeric ids still matches.
/// </summary>
public sealed record BackupRecord
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary><c>1</c> or <c>0</c>; WatchState and we both write a number.</summary>
    [JsonPropertyName("watched")]
    public int? Watched { get; init; }

    /// <summary>Unix seconds: when it was played (or added).</summary>
    [JsonPropertyName("updated")]
    public long? Updated { get; init; }

    [JsonPropertyName("show")]
    public string? Show { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("season")]
    public int? Season { get; init; }

    [JsonPropertyName("episode")]
    public int? Episode { get; init; }

    [JsonPropertyName("year")]
    public int? Year { get; init; }

    /// <summary>The item's own ids, <c>guid_{source}</c>.</summary>
    [JsonPropertyName("guids")]
    public Dictionary<string, JsonElement>? Guids { get; init; }

    /// <summary>For episodes, the show's ids, <c>guid_{source}</c>.</summary>
    [JsonPropertyName("parent")]
    public Dictionary<string, JsonElement>? Parent { get; init; }

    /// <summary>Resume position in milliseconds.</summary>
    [JsonPropertyName("progress")]
    public long? Progress { get; init; }

    /// <summary>Per backend name: at least <c>id</c>, the item's id there.</summary>
    [JsonPropertyName("metadata")]
    public Dictionary<string, JsonElement>? Metadata { get; init; }

    public bool IsEpisode => string.Equals(Type, "episode", StringComparison.OrdinalIgnoreCase);

    /// <summary>How the entry is named in tables: the movie's title, or <c>Show S01E02</c>.</summary>
    public string Display => IsEpisode
        ? FormattableString.Invariant($"{Show ?? Title ?? "?"} S{Season ?? 0:00}E{Episode ?? 0:00}")
        : Year is { } year and > 0 ? FormattableString.Invariant($"{Title ?? "?"} ({year})") : Title ?? "?";

    /// <summary>The item's id on <paramref name="backend"/> as recorded in the entry's metadata; null when none.</summary>
    public string? RemoteIdOn(string backend)
    {
        if (Metadata is null || !Metadata.TryGetValue(backend, out var meta) || meta.ValueKind != JsonValueKind.Object
            || !meta.TryGetProperty("id", out var id))
        {
            return null;
        }

        return Text(id);
    }

    /// <summary>A string or number as text; null for anything else or an empty string.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(BackupRecord))]
internal sealed partial class BackupRecordJsonContext : JsonSerializerContext;
