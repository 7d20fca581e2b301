using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary>An item as <c>history:list -o json</c> prints it (API shape, separate from storage rows).</summary>
internal sealed record ItemJson(
    long Id,
    string Type,
    string Title,
    int? Year,
    string? SeriesTitle,
    int? Season,
    int? Episode,
    bool Watched,
    DateTimeOffset? StateAt,
    long ProgressMs,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, ViewJson> Backends)
{
    public static ItemJson From(ItemRow item, IReadOnlyList<ViewRow> views) => new(
        item.Id,
        item.Type.ToString().ToLowerInvariant(),
        item.Title,
        item.Year,
        item.SeriesTitle,
        item.Season,
        item.Episode,
        item.Watched,
        HistoryText.KnownTime(item.StateAt),
        item.ProgressMs,
        item.UpdatedAt,
        views.GroupBy(v => v.Backend).ToDictionary(
            g => g.Key,
            g => g.Select(ViewJson.From).First(),
            StringComparer.Ordinal));
}

internal sealed record ViewJson(string RemoteId, bool Played, DateTimeOffset? PlayedAt, DateTimeOffset? AddedAt, long ProgressMs, int PlayCount, DateTimeOffset UpdatedAt)
{
    public static ViewJson From(ViewRow v) => new(
        v.Part == 0 ? v.RemoteId : $"{v.RemoteId}#e{v.Part}", v.Played, v.PlayedAt, v.AddedAt, v.ProgressMs, v.PlayCount, v.UpdatedAt);
}

internal sealed record ItemDetailsJson(ItemJson Item, IReadOnlyList<string> Keys, IReadOnlyList<HistoryRow> History);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<ItemJson>))]
[JsonSerializable(typeof(ItemDetailsJson))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
