using System.Text.Json;
using System.Text.Json.Serialization;

namespace WatchState.Backends.MediaBrowser;

// The web socket's frames, reduced to what live events read: {"MessageType":…,"Data":…}.

internal sealed record SocketMessageDto
{
    public string? MessageType { get; init; }
    public JsonElement Data { get; init; }
}

/// <summary><c>UserDataChanged</c>: one user's changed items.</summary>
internal sealed record UserDataChangedDto
{
    public string? UserId { get; init; }
    public IReadOnlyList<ChangedUserDataDto?>? UserDataList { get; init; }
}

internal sealed record ChangedUserDataDto
{
    public string? ItemId { get; init; }
}

/// <summary>One entry of a <c>Sessions</c> message (the same SessionInfo as <c>GET /Sessions</c>).</summary>
internal sealed record LiveSessionDto
{
    public string? UserId { get; init; }
    public LiveNowPlayingDto? NowPlayingItem { get; init; }
    public LivePlayStateDto? PlayState { get; init; }
}

internal sealed record LiveNowPlayingDto
{
    public string? Id { get; init; }
}

internal sealed record LivePlayStateDto
{
    public long? PositionTicks { get; init; }
    public bool IsPaused { get; init; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SocketMessageDto))]
[JsonSerializable(typeof(UserDataChangedDto))]
[JsonSerializable(typeof(IReadOnlyList<LiveSessionDto?>))]
internal sealed partial class MediaBrowserLiveJsonContext : JsonSerializerContext;

/// <summary>What one frame says, for this backend's user only; unreadable frames become <see cref="Garbage"/>.</summary>
internal abstract record LiveMessage
{
    private LiveMessage()
    {
    }

    /// <summary>The server's keep-alive period; the client answers at half of it.</summary>
    public sealed record ForceKeepAlive(TimeSpan Period) : LiveMessage;

    public sealed record UserDataChanged(IReadOnlyList<string> ItemIds) : LiveMessage
    {
        /// <summary>The listened-for user whose items changed, as the listener was given it.</summary>
        public string UserId { get; init; } = "";
    }

    /// <param name="Playing">What the first listened-for user plays (the one-user view).</param>
    public sealed record Sessions(IReadOnlyList<PlayingNow> Playing) : LiveMessage
    {
        /// <summary>What each listened-for user plays, by the user id as the listener was given it.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<PlayingNow>> ByUser { get; init; } = new Dictionary<string, IReadOnlyList<PlayingNow>>();
    }

    /// <summary>Anything else, including another user's changes.</summary>
    public sealed record Other(string Type) : LiveMessage;

    public sealed record Garbage(string Reason) : LiveMessage;

    public static LiveMessage Parse(ReadOnlySpan<byte> frame, string userId) => Parse(frame, [userId]);

    /// <param name="userIds">The users whose events are wanted (with the admin API key the socket sees every user).</param>
    public static LiveMessage Parse(ReadOnlySpan<byte> frame, IReadOnlyList<string> userIds)
    {
        try
        {
            var message = JsonSerializer.Deserialize(frame, MediaBrowserLiveJsonContext.Default.SocketMessageDto);
            return message?.MessageType switch
            {
                null => new Garbage("no MessageType"),
                "ForceKeepAlive" => ParseKeepAlive(message.Data),
                "UserDataChanged" => ParseUserData(message.Data, userIds),
                "Sessions" => ParseSessions(message.Data, userIds),
                var other => new Other(other),
            };
        }
        catch (JsonException e)
        {
            return new Garbage($"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            return new Garbage(e.Message);
        }
    }

    /// <summary>Jellyfin ids come with and without dashes, in any case.</summary>
    public static bool SameId(string? a, string? b) =>
        a is not null && b is not null
        && string.Equals(a.Replace("-", "", StringComparison.Ordinal), b.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static LiveMessage ParseKeepAlive(JsonElement data)
    {
        var seconds = data.ValueKind switch
        {
            JsonValueKind.Number when data.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(data.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => 0,
        };
        return seconds > 0 ? new ForceKeepAlive(TimeSpan.FromSeconds(seconds)) : new Garbage("ForceKeepAlive without a period");
    }

    private static string? Listened(string? sent, IReadOnlyList<string> userIds) => userIds.FirstOrDefault(u => SameId(u, sent));

    private static LiveMessage ParseUserData(JsonElement data, IReadOnlyList<string> userIds)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return new Garbage("UserDataChanged without data");
        }

        var changed = data.Deserialize(MediaBrowserLiveJsonContext.Default.UserDataChangedDto);
        if (changed is null || Listened(changed.UserId, userIds) is not { } user)
        {
            return new Other("UserDataChanged");
        }

        // A broken or foreign server may send null entries or entries without an id: skipped, the rest is read.
        return new UserDataChanged([.. (changed.UserDataList ?? [])
            .OfType<ChangedUserDataDto>()
            .Select(d => d.ItemId)
            .OfType<string>()
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)])
        { UserId = user };
    }

    private static LiveMessage ParseSessions(JsonElement data, IReadOnlyList<string> userIds)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            return new Garbage("Sessions without an array");
        }

        var sessions = data.Deserialize(MediaBrowserLiveJsonContext.Default.IReadOnlyListLiveSessionDto) ?? [];
        var byUser = userIds.Distinct(StringComparer.Ordinal).ToDictionary(u => u, _ => new List<PlayingNow>(), StringComparer.Ordinal);
        foreach (var s in sessions.OfType<LiveSessionDto>().Where(s => !string.IsNullOrEmpty(s.NowPlayingItem?.Id)))
        {
            if (Listened(s.UserId, userIds) is { } user)
            {
                byUser[user].Add(new PlayingNow(s.NowPlayingItem!.Id!, s.PlayState?.PositionTicks ?? 0, s.PlayState?.IsPaused ?? false));
            }
        }

        return new Sessions(userIds.Count == 0 ? [] : byUser[userIds[0]])
        {
            ByUser = byUser.ToDictionary(p => p.Key, p => (IReadOnlyList<PlayingNow>)p.Value, StringComparer.Ordinal),
        };
    }
}

/// <summary>This user's playback of one item, as a <c>Sessions</c> message reports it.</summary>
internal sealed record PlayingNow(string ItemId, long PositionTicks, bool Paused);
