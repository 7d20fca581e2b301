using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using WatchState.Storage;

namespace WatchState.Benchmarks;

/// <summary>
/// The least work any importer must do: fetch and deserialise every page (and each library's series once), then
/// insert the same rows (item, keys, backend view, history) with prepared statements in large transactions.
/// </summary>
internal static class Floor
{
    public sealed record Result(int Items, long Rows, double Seconds, double FetchSeconds);

    public static async Task<Result> MeasureAsync(ChildSimulator simulator, int pageSize, string databaseFile, CancellationToken cancellationToken)
    {
        using var http = Client(simulator);
        await using var connection = await new Database(databaseFile).OpenAsync(cancellationToken);
        using var insert = new RawInsert(connection);

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
                    insert.Item(item, item.SeriesId is { } sid ? seriesIds.GetValueOrDefault(sid) : null);
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
        return new Result(items, insert.Rows, total.Elapsed.TotalSeconds, fetch.Elapsed.TotalSeconds);
    }

    private static HttpClient Client(ChildSimulator simulator)
    {
        var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("MediaBrowser", $"Token=\"{simulator.ApiKey}\"");
        return http;
    }

    private sealed class RawInsert : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _item;
        private readonly SqliteCommand _key;
        private readonly SqliteCommand _view;
        private readonly SqliteCommand _history;
        private SqliteTransaction _transaction;
        private long _sinceCommit;

        public RawInsert(SqliteConnection connection)
        {
            _connection = connection;
            _item = Command("INSERT INTO items (identity, type, title, year, series_title, season, episode, watched, state_at, progress_ms, progress_at, created_at, updated_at) VALUES ('main', $type, $title, $year, $series, $season, $episode, $watched, $at, $progress, NULL, $at, $at) RETURNING id", "$type", "$title", "$year", "$series", "$season", "$episode", "$watched", "$at", "$progress");
            _key = Command("INSERT OR IGNORE INTO item_keys (identity, key, item_id) VALUES ('main', $key, $id)", "$key", "$id");
            _view = Command("INSERT INTO backend_views (identity, backend, remote_id, part, item_id, played, played_at, added_at, progress_ms, play_count, updated_at) VALUES ('main', 'jellyfin', $remote, 0, $id, $played, $played_at, $added, $progress, $count, $added)", "$remote", "$id", "$played", "$played_at", "$added", "$progress", "$count");
            _history = Command("INSERT INTO history (item_id, identity, backend, at, kind, field, applied, from_value, to_value, reason) VALUES ($id, 'main', 'jellyfin', $at, 'import', 'item', 1, NULL, $to, 'first seen')", "$id", "$at", "$to");
            _transaction = connection.BeginTransaction();
            Enlist();
        }

        public long Rows { get; private set; }

        public void Item(FloorItem item, Dictionary<string, string?>? showIds)
        {
            var data = item.UserData;
            var added = item.DateCreated?.ToUnixTimeMilliseconds() ?? 0;
            var playedAt = data?.LastPlayedDate?.ToUnixTimeMilliseconds();
            var progress = (data?.PlaybackPositionTicks ?? 0) / 10_000;
            var watched = data?.Played == true;
            Set(_item, ("$type", item.Type == "Episode" ? 1 : 0), ("$title", item.Name), ("$year", item.ProductionYear), ("$series", item.SeriesName),
                ("$season", item.ParentIndexNumber), ("$episode", item.IndexNumber), ("$watched", watched ? 1 : 0),
                ("$at", watched ? playedAt ?? added : added), ("$progress", progress));
            var id = (long)_item.ExecuteScalar()!;
            Rows++;

            foreach (var (source, value) in item.ProviderIds ?? [])
            {
                Key($"{item.Type}:{source.ToLowerInvariant()}:{value}", id);
            }

            if (item.Type == "Episode")
            {
                foreach (var (source, value) in showIds ?? [])
                {
                    Key(string.Create(CultureInfo.InvariantCulture, $"episode:show/{source.ToLowerInvariant()}:{value}/s{item.ParentIndexNumber}/e{item.IndexNumber}"), id);
                }
            }

            Set(_view, ("$remote", item.Id), ("$id", id), ("$played", watched ? 1 : 0), ("$played_at", playedAt), ("$added", added), ("$progress", progress), ("$count", data?.PlayCount ?? 0));
            _view.ExecuteNonQuery();
            Set(_history, ("$id", id), ("$at", added), ("$to", watched ? "watched" : "unwatched"));
            _history.ExecuteNonQuery();
            Rows += 2;
            _sinceCommit += 4;
        }

        public void CommitIfDue()
        {
            if (_sinceCommit >= 50_000)
            {
                Commit();
                _transaction = _connection.BeginTransaction();
                Enlist();
                _sinceCommit = 0;
            }
        }

        public void Commit()
        {
            _transaction.Commit();
            _transaction.Dispose();
        }

        public void Dispose()
        {
            foreach (var command in new[] { _item, _key, _view, _history })
            {
                command.Dispose();
            }
        }

        private void Key(string key, long id)
        {
            Set(_key, ("$key", key), ("$id", id));
            _key.ExecuteNonQuery();
            Rows++;
        }

        private void Enlist()
        {
            foreach (var command in new[] { _item, _key, _view, _history })
            {
                command.Transaction = _transaction;
            }
        }

        private SqliteCommand Command(string sql, params string[] names)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            return command;
        }

        private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
        {
            foreach (var (name, value) in values)
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
        }
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
