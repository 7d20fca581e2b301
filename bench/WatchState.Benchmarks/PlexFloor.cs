using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using WatchState.Storage;

namespace WatchState.Benchmarks;

/// <summary>The floor for Plex: every section's pages (and each show section's shows once), then the raw insert.</summary>
internal static class PlexFloor
{
    public static async Task<FloorResult> MeasureAsync(ChildSimulator simulator, int pageSize, string databaseFile, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Plex-Token", simulator.ApiKey);
        http.DefaultRequestHeaders.Add("Accept", "application/json");
        await using var connection = await new Database(databaseFile).OpenAsync(cancellationToken);
        using var insert = new RawInsert(connection, "plex");

        var total = Stopwatch.StartNew();
        var fetch = Stopwatch.StartNew();
        var sections = await http.GetFromJsonAsync("library/sections", PlexFloorJson.Default.PlexFloorResponse, cancellationToken);
        fetch.Stop();
        var items = 0;
        foreach (var section in sections!.MediaContainer.Directory ?? [])
        {
            if (section.Type is not ("movie" or "show"))
            {
                continue;
            }

            var shows = new Dictionary<string, List<PlexFloorGuid>?>(StringComparer.Ordinal);
            if (section.Type == "show")
            {
                await foreach (var page in PagesAsync(http, section.Key, 2, "", pageSize, fetch, cancellationToken))
                {
                    foreach (var show in page)
                    {
                        shows[show.RatingKey] = show.Guid;
                    }
                }
            }

            var (type, sort) = section.Type == "movie" ? (1, "addedAt") : (4, "episode.addedAt");
            await foreach (var page in PagesAsync(http, section.Key, type, sort, pageSize, fetch, cancellationToken))
            {
                foreach (var item in page)
                {
                    insert.Insert(Row(item, item.GrandparentRatingKey is { } show ? shows.GetValueOrDefault(show) : null));
                }

                items += page.Count;
                insert.CommitIfDue();
            }
        }

        insert.Commit();
        total.Stop();
        return new FloorResult(items, insert.Rows, total.Elapsed.TotalSeconds, fetch.Elapsed.TotalSeconds);
    }

    private static async IAsyncEnumerable<List<PlexFloorItem>> PagesAsync(
        HttpClient http, string section, int type, string sort, int pageSize, Stopwatch fetch,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = 0; ; start += pageSize)
        {
            fetch.Start();
            using var request = new HttpRequestMessage(
                HttpMethod.Get,
                string.Create(CultureInfo.InvariantCulture, $"library/sections/{section}/all?type={type}&includeGuids=1&sort={sort}&X-Plex-Container-Start={start}&X-Plex-Container-Size={pageSize}"));
            request.Headers.Add("X-Plex-Container-Start", start.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Plex-Container-Size", pageSize.ToString(CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync(PlexFloorJson.Default.PlexFloorResponse, cancellationToken);
            fetch.Stop();
            var metadata = page!.MediaContainer.Metadata ?? [];
            yield return metadata;
            if (metadata.Count < pageSize)
            {
                yield break;
            }
        }
    }

    private static FloorRow Row(PlexFloorItem item, List<PlexFloorGuid>? showGuids)
    {
        var episode = item.Type == "episode";
        var keys = new List<string>();
        foreach (var guid in item.Guid ?? [])
        {
            keys.Add($"{(episode ? "episode" : "movie")}:{guid.Id.Replace("://", ":", StringComparison.Ordinal)}");
        }

        if (episode)
        {
            foreach (var guid in showGuids ?? [])
            {
                keys.Add(string.Create(CultureInfo.InvariantCulture, $"episode:show/{guid.Id.Replace("://", ":", StringComparison.Ordinal)}/s{item.ParentIndex}/e{item.Index}"));
            }
        }

        var watched = item.ViewCount > 0;
        return new FloorRow(
            episode, item.Title, item.Year, item.GrandparentTitle, item.ParentIndex, item.Index, item.RatingKey,
            (item.AddedAt ?? 0) * 1000, item.LastViewedAt * 1000, watched, item.ViewOffset ?? 0, item.ViewCount ?? 0, keys);
    }
}

internal sealed record PlexFloorResponse([property: JsonPropertyName("MediaContainer")] PlexFloorContainer MediaContainer);

internal sealed record PlexFloorContainer(
    int? TotalSize,
    [property: JsonPropertyName("Metadata")] List<PlexFloorItem>? Metadata,
    [property: JsonPropertyName("Directory")] List<PlexFloorSection>? Directory);

internal sealed record PlexFloorSection(string Key, string Type);

internal sealed record PlexFloorItem(
    string RatingKey,
    string Type,
    string Title,
    int? Year,
    int? Index,
    int? ParentIndex,
    string? GrandparentTitle,
    string? GrandparentRatingKey,
    long? AddedAt,
    long? LastViewedAt,
    int? ViewCount,
    long? ViewOffset,
    [property: JsonPropertyName("Guid")] List<PlexFloorGuid>? Guid);

internal sealed record PlexFloorGuid(string Id);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlexFloorResponse))]
internal sealed partial class PlexFloorJson : JsonSerializerContext;
