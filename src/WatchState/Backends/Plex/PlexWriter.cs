using WatchState.Domain;

namespace WatchState.Backends.Plex;

/// <summary>
/// Plex's <see cref="IPlayStateWriter"/>. PMS has no "act as user" parameter: every call changes the state of the
/// token's user, so a backend configured with a user's token writes that user's state only.
/// </summary>
/// <param name="sessionUsers">
/// The account ids the configured user's sessions carry (its plex.tv id, and 1 when it is the owner, whom the server
/// lists as local account 1); empty when not known.
/// </param>
internal sealed class PlexWriter(PlexApi api, PlexMapper mapper, IReadOnlySet<string> sessionUsers, TimeProvider time)
{
    /// <summary>Rating keys per metadata request; 100 short numeric keys keep the URL under 1 KB.</summary>
    internal const int KeysPerRequest = 100;

    public async Task<IReadOnlyList<Observation>> GetItemsAsync(IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remoteIds);
        var result = new List<Observation>(remoteIds.Count);
        var showIds = new Dictionary<string, IReadOnlyList<ExternalId>>(StringComparer.Ordinal);
        foreach (var batch in remoteIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Chunk(KeysPerRequest))
        {
            var items = await FetchAsync(batch, cancellationToken);
            await AddShowsAsync(items, showIds, cancellationToken);
            result.AddRange(mapper.MapPage(items, items.Count, showIds, time.GetUtcNow()).Items);
        }

        return result;
    }

    /// <summary>
    /// The items of the configured user's sessions. An owner token lists everyone's sessions, so when the user
    /// is known only that account's count; without it every listed session counts (a skipped write is retried later,
    /// a write fighting a playback is not).
    /// </summary>
    public async Task<IReadOnlySet<string>> GetPlayingAsync(CancellationToken cancellationToken)
    {
        var sessions = await api.GetAsync(PlexPaths.Sessions, cancellationToken);
        return (sessions.Metadata ?? [])
            .Where(s => !string.IsNullOrEmpty(s.RatingKey) && (sessionUsers.Count == 0 || (s.User?.Id is { } id && sessionUsers.Contains(id))))
            .Select(s => s.RatingKey!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Applies one change for the token's user. <see cref="RemoteWriteKind.MarkPlayed"/> cannot carry a date on
    /// Plex: <c>/:/scrobble</c> stamps the server's "now", whatever <see cref="RemoteWrite.PlayedAt"/> says.
    /// </summary>
    public async Task WriteAsync(RemoteWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var key = write.RemoteId;
        switch (write.Kind)
        {
            case RemoteWriteKind.MarkPlayed:
                await api.SendAsync(HttpMethod.Get, PlexPaths.Scrobble(key), cancellationToken);
                break;
            case RemoteWriteKind.MarkUnplayed:
                await api.SendAsync(HttpMethod.Get, PlexPaths.Unscrobble(key), cancellationToken);
                break;
            case RemoteWriteKind.SetProgress:
                var duration = write.DurationMs is > 0 ? write.DurationMs.Value : await DurationOfAsync(key, cancellationToken);
                await api.SendAsync(HttpMethod.Post, PlexPaths.Timeline(key, Math.Max(0, write.PositionMs), duration), cancellationToken);
                break;
            case RemoteWriteKind.ClearProgress:
                // The only documented call that removes a resume point and leaves the item watched is a scrobble
                // (viewCount + 1, lastViewedAt = now, viewOffset cleared). A timeline at time=0 is undocumented and
                // unscrobble + scrobble would reset the play count and take two calls that can fail halfway.
                await api.SendAsync(HttpMethod.Get, PlexPaths.Scrobble(key), cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write.Kind, "unknown write kind");
        }
    }

    /// <summary>
    /// The items PMS knows among <paramref name="keys"/>. A 404 for several keys may mean only one of them is gone
    /// (PMS can answer 404 for the whole list), so the keys are then read one by one: the others are still found and
    /// only the missing ones are left out.
    /// </summary>
    private async Task<IReadOnlyList<PlexMetadataDto>> FetchAsync(string[] keys, CancellationToken cancellationToken)
    {
        try
        {
            return (await api.GetAsync(PlexPaths.MetadataByKeys(keys), cancellationToken)).Metadata ?? [];
        }
        catch (PlexException ex) when (ex.StatusCode == 404 && keys.Length > 1)
        {
            var found = new List<PlexMetadataDto>(keys.Length);
            foreach (var key in keys)
            {
                found.AddRange(await FetchAsync([key], cancellationToken));
            }

            return found;
        }
        catch (PlexException ex) when (ex.StatusCode == 404)
        {
            return [];
        }
    }

    private async Task<long> DurationOfAsync(string key, CancellationToken cancellationToken)
    {
        var item = (await FetchAsync([key], cancellationToken)).FirstOrDefault(i => i.RatingKey == key);
        return item?.Duration is { } duration and > 0
            ? duration
            : throw new PlexException(
                api.Backend,
                item is null ? $"not found (404): item {key}" : $"cannot set progress on item {key}: the server gives no duration for it",
                item is null ? 404 : null);
    }

    /// <summary>The external ids of the batch's shows, fetched by rating key in bulk and remembered across batches.</summary>
    private async Task AddShowsAsync(IReadOnlyList<PlexMetadataDto> items, Dictionary<string, IReadOnlyList<ExternalId>> showIds, CancellationToken cancellationToken)
    {
        var missing = items
            .Where(i => PlexMapper.TypeOf(i) == MediaType.Episode && i.GrandparentRatingKey is { Length: > 0 } show && !showIds.ContainsKey(show))
            .Select(i => i.GrandparentRatingKey!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var batch in missing.Chunk(KeysPerRequest))
        {
            foreach (var show in await FetchAsync(batch, cancellationToken))
            {
                if (!string.IsNullOrEmpty(show.RatingKey))
                {
                    showIds[show.RatingKey] = PlexMapper.MapIds(show);
                }
            }

            foreach (var key in batch)
            {
                showIds.TryAdd(key, []);
            }
        }
    }
}
