using System.Diagnostics;
using System.Net.Http.Headers;
using WatchState.Backends;
using WatchState.Backends.Emby;
using WatchState.Backends.MediaBrowser;
using WatchState.Backends.Plex;
using WatchState.Export;

namespace WatchState.Benchmarks;

/// <summary>
/// The least any exporter must send: each planned "mark played" as one bare request to its server, with the outbox's
/// default of 4 requests in flight per server and the servers written at the same time, no state read before or
/// after and nothing recorded.
/// </summary>
internal static class ExportWriteFloor
{
    private const int InFlightPerServer = 4;

    public static async Task<double> MeasureAsync(
        IReadOnlyList<PlannedWrite> writes, IReadOnlyDictionary<string, (ChildSimulator Simulator, bool Plex)> servers, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(writes.GroupBy(w => w.Backend).Select(g => SendAsync(g.ToList(), servers[g.Key], cancellationToken)));
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task SendAsync(List<PlannedWrite> writes, (ChildSimulator Simulator, bool Plex) server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlightPerServer }) { BaseAddress = server.Simulator.BaseUrl };
        if (server.Plex)
        {
            http.DefaultRequestHeaders.Add("X-Plex-Token", server.Simulator.ApiKey);
        }
        else
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("MediaBrowser", $"Token=\"{server.Simulator.ApiKey}\"");
        }

        await Parallel.ForEachAsync(
            writes,
            new ParallelOptions { MaxDegreeOfParallelism = InFlightPerServer, CancellationToken = cancellationToken },
            async (planned, token) =>
            {
                if (planned.Write.Kind != RemoteWriteKind.MarkPlayed)
                {
                    throw new InvalidOperationException($"the benchmark plans only 'mark played', not {planned.Write.Kind}");
                }

                using var request = server.Plex
                    ? new HttpRequestMessage(HttpMethod.Get, PlexPaths.Scrobble(planned.Write.RemoteId))
                    : new HttpRequestMessage(HttpMethod.Post, MediaBrowserPaths.PlayedItem(
                        server.Simulator.UserId, planned.Write.RemoteId, planned.Write.PlayedAt is { } at ? EmbyFlavor.Instance.FormatDatePlayed(at) : null));
                using var response = await http.SendAsync(request, token);
                response.EnsureSuccessStatusCode();
            });
    }
}
