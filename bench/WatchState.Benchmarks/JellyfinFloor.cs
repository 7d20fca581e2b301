using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using WatchState.Storage;

namespace WatchState.Benchmarks;

/// <summary>
/// The least work any importer must do: fetch and deserialise every page (and each library's series once), then
/// insert the same rows (item, keys, backend view, history) with prepared statements in large transactions.
/// </summary>
internal static class JellyfinFloor
{
    public static async Task<FloorResult> MeasureAsync(ChildSimulator simulator, int pageSize, string databaseFile, CancellationToken cancellationToken)
    {
        using var http = Client(simulator);
        await using var connection = await new Database(databaseFile).OpenAsync(cancellationToken);
        using var insert = new RawInsert(connection, "jellyfin");

        var total = Stopwatch.StartNew();
        var fetch = new Stopwatch();
        var items = 0;
        var user = simulator.UserId;
        fetch.Start();
        var views = await http.GetFromJsonAsync($"Users/{user}/Views", FloorJson.Default.FloorPage, cancellationToken);
        fetch.Stop();
        foreach (var library in views!.Items.Where(v => v.CollectionType is "movies" or "tvshows"))
        {
            fetch.Start();
            var series = await http.GetFromJsonAsync(
                $"Users/{user}/Items?ParentId={library.Id}&Recursive=true&IncludeItemTypes=Series&Fields=ProviderIds&EnableUserData=false&EnableImages=false",
                FloorJson.Default.FloorPage,
                cancellationToken);
            fetch.Stop();
            var seriesIds = series!.Items.ToDictionary(s => s.Id, s => s.ProviderIds);
            for (var start = 0; ; start += pageSize)
            {
                fetch.Start();
                var page = await http.GetFromJsonAsync(
                    $"Users/{user}/Items?ParentId={library.Id}&Recursive=true&IncludeItemTypes=Movie,Episode&Filters=IsNotFolder" +
                    $"&SortBy=DateCreated,SortName&SortOrder=Ascending&EnableUserData=true&EnableImages=false" +
                    $"&Fields=ProviderIds,DateCreated,Path,OriginalTitle,PremiereDate,ProductionYear&StartIndex={start}&Limit={pageSize}",
                    FloorJson.Default.FloorPage,
                    cancellationToken);
                fetch.Stop();
                foreach (var item in page!.Items)
                {
                    insert.Insert(Row(item, item.SeriesId is { } sid ? seriesIds.GetValueOrDefault(sid) : null));
                }

                items += page.Items.Count;
                insert.CommitIfDue();
                if (page.Items.Count < pageSize)
                {
                    break;
                }
            }
        }

        insert.Commit();
        total.Stop();
        return new FloorResult(items, insert.Rows, total.Elapsed.TotalSeconds, fetch.Elapsed.TotalSeconds);
    }

    private static FloorRow Row(FloorItem item, Dictionary<string, string?>? showIds)
    {
        var data = item.UserData;
        var episode = item.Type == "Episode";
        var keys = new List<string>();
        foreach (var (source, value) in item.ProviderIds ?? [])
        {
            keys.Add($"{(episode ? "episode" : "movie")}:{source.ToLowerInvariant()}:{value}");
        }

        if (episode)
        {
            foreach (var (source, value) in showIds ?? [])
            {
                keys.Add(string.Create(CultureInfo.InvariantCulture, $"episode:show/{source.ToLowerInvariant()}:{value}/s{item.ParentIndexNumber}/e{item.IndexNumber}"));
            }
        }

        return new FloorRow(
            episode, item.Name, item.ProductionYear, item.SeriesName, item.ParentIndexNumber, item.IndexNumber, item.Id,
            item.DateCreated?.ToUnixTimeMilliseconds() ?? 0, data?.LastPlayedDate?.ToUnixTimeMilliseconds(), data?.Played == true,
            (data?.PlaybackPositionTicks ?? 0) / 10_000, data?.PlayCount ?? 0, keys);
    }

    private static HttpClient Client(ChildSimulator simulator)
    {
        var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("MediaBrowser", $"Token=\"{simulator.ApiKey}\"");
        return http;
    }
}

internal sealed record FloorPage(List<FloorItem> Items, int TotalRecordCount);

internal sealed record FloorItem(
    string Id,
    string Name,
    string Type,
    string? CollectionType,
    int? ProductionYear,
    int? IndexNumber,
    int? ParentIndexNumber,
    string? SeriesName,
    string? SeriesId,
    DateTimeOffset? DateCreated,
    Dictionary<string, string?>? ProviderIds,
    FloorUserData? UserData);

internal sealed record FloorUserData(bool Played, long PlaybackPositionTicks, int PlayCount, DateTimeOffset? LastPlayedDate);

[JsonSerializable(typeof(FloorPage))]
internal sealed partial class FloorJson : JsonSerializerContext;
