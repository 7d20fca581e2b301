using System.Net.Http.Headers;
using System.Text.Json;
using WatchState.Domain;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Jellyfin/Emby's <see cref="IPlayStateWriter"/>, always acting for one user id: played/unplayed through
/// <c>PlayedItems</c>, resume positions through the item's <c>UserData</c>, current state by <c>Ids=</c> in bulk.
/// </summary>
internal sealed class MediaBrowserWriter(
    MediaBrowserApi api,
    MediaBrowserMapper mapper,
    IMediaBrowserFlavor flavor,
    string userId,
    TimeProvider time)
{
    /// <summary>Ids per listing request: 100 Jellyfin ids make a URL of about 3.5 KB, well under common limits.</summary>
    internal const int IdsPerRequest = 100;

    private const long TicksPerMillisecond = 10_000;
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    public async Task<IReadOnlyList<Observation>> GetItemsAsync(IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remoteIds);
        var result = new List<Observation>(remoteIds.Count);
        var showIds = MediaBrowserShowIds.Create();
        foreach (var batch in remoteIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Chunk(IdsPerRequest))
        {
            var page = await api.GetAsync(MediaBrowserPaths.PlayStateByIds(userId, batch), MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);
            var items = page.Items ?? [];
            await MediaBrowserShowIds.AddMissingAsync(api, userId, items, showIds, IdsPerRequest, cancellationToken);
            result.AddRange(mapper.MapPage(items, items.Count, showIds, time.GetUtcNow()).Items);
        }

        return result;
    }

    public async Task<IReadOnlySet<string>> GetPlayingAsync(CancellationToken cancellationToken)
    {
        var sessions = await api.GetAsync(MediaBrowserPaths.Sessions, MediaBrowserJsonContext.Default.IReadOnlyListSessionDto, cancellationToken);

        // An admin key sees every user's sessions; only the configured user's playback matters here.
        return sessions
            .Where(s => string.Equals(s.UserId, userId, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(s.NowPlayingItem?.Id))
            .Select(s => s.NowPlayingItem!.Id!)
            .ToHashSet(StringComparer.Ordinal);
    }

    public Task WriteAsync(RemoteWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var id = write.RemoteId;
        return write.Kind switch
        {
            // Without a date the server keeps an earlier one or stamps now, and does not count a play.
            RemoteWriteKind.MarkPlayed => api.SendAsync(
                HttpMethod.Post,
                MediaBrowserPaths.PlayedItem(userId, id, write.PlayedAt is { } at ? flavor.FormatDatePlayed(at) : null),
                null,
                cancellationToken),
            RemoteWriteKind.MarkUnplayed => api.SendAsync(HttpMethod.Delete, MediaBrowserPaths.PlayedItem(userId, id, null), null, cancellationToken),

            // Only the supplied properties change, so the played flag stays as the server has it.
            RemoteWriteKind.SetProgress => PostUserDataAsync(
                id,
                new UserDataUpdateDto { PlaybackPositionTicks = Math.Max(0, write.PositionMs) * TicksPerMillisecond, LastPlayedDate = write.PlayedAt },
                cancellationToken),
            RemoteWriteKind.ClearProgress when flavor.ClearsProgressByPlaybackReport =>
                api.SendAsync(HttpMethod.Post, MediaBrowserPaths.ResetProgress(userId, id), null, cancellationToken),
            RemoteWriteKind.ClearProgress => PostUserDataAsync(
                id,
                new UserDataUpdateDto { Played = true, PlaybackPositionTicks = 0, LastPlayedDate = write.PlayedAt },
                cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(write), write.Kind, "unknown write kind"),
        };
    }

    private Task PostUserDataAsync(string itemId, UserDataUpdateDto body, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, MediaBrowserJsonContext.Default.UserDataUpdateDto));
        content.Headers.ContentType = JsonType;
        return api.SendAsync(HttpMethod.Post, MediaBrowserPaths.UserData(userId, itemId), content, cancellationToken);
    }
}
