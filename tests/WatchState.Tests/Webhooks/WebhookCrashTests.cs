using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Storage;

namespace WatchState.Tests.Webhooks;

/// <summary>
/// The real <c>watchstate serve</c> process flooded with webhooks and killed (SIGKILL) halfway: after a restart
/// every webhook that got its 200 is stored once and applied once, exactly as a run without the kill applies it.
/// </summary>
public class WebhookCrashTests
{
    private const int Total = 10_000;
    private const int KillAfter = 5_000;

    // Enough senders that the 10,000 take seconds, not minutes, on two cores.
    private const int Concurrency = 32;

    [Fact]
    public async Task A_flood_killed_halfway_loses_no_answered_webhook_and_applies_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var expected = await ReferenceAsync();
        await using var h = await WebhookHarness.CreateAsync();
        var key = await h.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(ct);
        var answered = new ConcurrentDictionary<int, byte>();
        var cut = new ConcurrentDictionary<int, byte>();
        var next = 0;

        await using (var first = await ProductProcess.StartAsync(h.Data.Root, ct))
        {
            var killed = 0;
            await SendAsync(first.Address, key, () => Volatile.Read(ref killed) == 0 ? Interlocked.Increment(ref next) - 1 : Total, async (n, ok) =>
            {
                if (!ok)
                {
                    cut.TryAdd(n, 0);
                    return;
                }

                answered.TryAdd(n, 0);
                if (answered.Count >= KillAfter && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    await first.KillAsync();
                }
            });
        }

        Assert.InRange(answered.Count, KillAfter, Total - 1);
        var rest = Enumerable.Range(0, Total).Where(n => !answered.ContainsKey(n) && !cut.ContainsKey(n)).ToList();
        await using (var second = await ProductProcess.StartAsync(h.Data.Root, ct))
        {
            var queue = new ConcurrentQueue<int>(rest);
            await SendAsync(second.Address, key, () => queue.TryDequeue(out var n) ? n : Total, (n, ok) =>
            {
                Assert.True(ok, $"webhook {n} was not accepted by the restarted server");
                answered.TryAdd(n, 0);
                return Task.CompletedTask;
            });
            await WaitUntilNothingPendingAsync(h);
        }

        var rows = await InboxMarkersAsync(h);
        TestContext.Current.TestOutputHelper?.WriteLine($"answered {answered.Count}, cut by the kill {cut.Count}, stored {rows.Count}");

        // Every 200 is one stored row; a request cut by the kill is stored at most once; nothing else is stored.
        Assert.Equal(answered.Keys.Order(), rows.Keys.Where(answered.ContainsKey).Order());
        Assert.All(rows.Keys, n => Assert.True(answered.ContainsKey(n) || cut.ContainsKey(n), $"webhook {n} was stored but never sent"));
        Assert.All(rows, r => Assert.Equal((r.Key, 1), (r.Key, r.Value.Count)));
        Assert.All(rows, r => Assert.Equal((r.Key, InboxStatus.Applied), (r.Key, r.Value[0])));

        // Applied once: each stored webhook made exactly the item, views and history one in-process apply makes.
        var items = await ItemSignaturesAsync(h);
        Assert.Equal(rows.Count, items.Count);
        Assert.Equal(
            rows.Keys.Select(n => expected[WebhookLoad.BackendOf(n)]).Order(StringComparer.Ordinal),
            items.Order(StringComparer.Ordinal));
    }

    /// <summary>One webhook of each kind applied in-process, without any kill: the item each one leaves behind.</summary>
    private static async Task<Dictionary<string, string>> ReferenceAsync()
    {
        await using var h = await WebhookHarness.CreateAsync();
        foreach (var n in new[] { 0, 1, 2 })
        {
            Assert.Equal(InboxStatus.Applied, (await h.ApplyAsync(WebhookLoad.Body(n))).Status);
        }

        var signatures = await ItemSignaturesAsync(h);
        Assert.Equal(3, signatures.Count);
        return signatures.ToDictionary(s => s.Split('|')[0], StringComparer.Ordinal);
    }

    private static async Task SendAsync(Uri address, string key, Func<int> take, Func<int, bool, Task> done)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = address };
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var n = take(); n < Total; n = take())
            {
                bool ok;
                try
                {
                    using var message = WebhookLoad.Message(WebhookLoad.Body(n), key);
                    using var response = await http.SendAsync(message, TestContext.Current.CancellationToken);
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                await done(n, ok);
            }
        })));
    }

    private static async Task WaitUntilNothingPendingAsync(WebhookHarness h)
    {
        // Generous: the point is that the worker gets there, not how fast.
        for (var i = 0; i < 1200; i++)
        {
            if (await PendingAsync(h) == 0)
            {
                return;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"{await PendingAsync(h)} webhooks still pending after five minutes");
    }

    private static async Task<long> PendingAsync(WebhookHarness h)
    {
        await using var connection = await h.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM inbox WHERE status = 'pending'";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Each stored marker with the statuses of its rows.</summary>
    private static async Task<Dictionary<int, List<string>>> InboxMarkersAsync(WebhookHarness h)
    {
        var rows = new Dictionary<int, List<string>>();
        await using var connection = await h.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body, status FROM inbox";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var marker = WebhookLoad.MarkerIn((byte[])reader.GetValue(0)) ?? throw new InvalidOperationException("a stored body without a marker");
            if (!rows.TryGetValue(marker, out var statuses))
            {
                rows[marker] = statuses = [];
            }

            statuses.Add(reader.GetString(1));
        }

        return rows;
    }

    /// <summary>Per item: its backends' views, its history rows and its state, as one comparable string.</summary>
    private static async Task<List<string>> ItemSignaturesAsync(WebhookHarness h)
    {
        var signatures = new List<string>();
        await using var connection = await h.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT group_concat(backend || ':' || played || ':' || play_count, ',') FROM backend_views WHERE item_id = i.id),
                   (SELECT group_concat(backend || ':' || kind || ':' || field || ':' || applied || ':' || coalesce(to_value, ''), ',') FROM history WHERE item_id = i.id),
                   i.watched, i.progress_ms
            FROM items i
            """;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var views = reader.GetString(0);
            signatures.Add($"{views.Split(':')[0]}|{views}|{(reader.IsDBNull(1) ? "" : reader.GetString(1))}|{reader.GetInt64(2)}|{reader.GetInt64(3)}");
        }

        return signatures;
    }
}
