using System.Text.Json.Serialization;
using WatchState.Backends.Http;

namespace WatchState.Backends.MediaBrowser;

// Wire shapes of the Jellyfin/Emby API, reduced to the properties we read. Unknown properties are skipped by
// the deserialiser, so these stay small however much the servers send.

internal sealed record SystemInfoDto
{
    public string? Id { get; init; }
    public string? ServerName { get; init; }
    public string? Version { get; init; }
    public string? ProductName { get; init; }
}

internal sealed record UserDto
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public UserPolicyDto? Policy { get; init; }
}

internal sealed record UserPolicyDto
{
    public bool IsAdministrator { get; init; }
}

/// <summary><c>QueryResult&lt;BaseItemDto&gt;</c>: one page of items plus the total the query matches.</summary>
internal sealed record ItemsResultDto
{
    [JsonConverter(typeof(NullSkippingListConverter<ItemDto>))]
    public IReadOnlyList<ItemDto>? Items { get; init; }
    public int TotalRecordCount { get; init; }
}

internal sealed record ItemDto
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? OriginalTitle { get; init; }
    public string? Type { get; init; }
    public string? CollectionType { get; init; }
    public int? ProductionYear { get; init; }

    [JsonConverter(typeof(MediaBrowserDateConverter))]
    public DateTimeOffset? PremiereDate { get; init; }

    [JsonConverter(typeof(MediaBrowserDateConverter))]
    public DateTimeOffset? DateCreated { get; init; }

    public Dictionary<string, string?>? ProviderIds { get; init; }
    public int? IndexNumber { get; init; }
    public int? IndexNumberEnd { get; init; }
    public int? ParentIndexNumber { get; init; }
    public string? SeriesId { get; init; }
    public string? SeriesName { get; init; }
    public long? RunTimeTicks { get; init; }
    public UserDataDto? UserData { get; init; }
}

internal sealed record UserDataDto
{
    public bool Played { get; init; }
    public int PlayCount { get; init; }
    public long PlaybackPositionTicks { get; init; }

    [JsonConverter(typeof(MediaBrowserDateConverter))]
    public DateTimeOffset? LastPlayedDate { get; init; }
}

/// <summary>One entry of <c>GET /Sessions</c>; idle sessions have no <see cref="NowPlayingItem"/>.</summary>
internal sealed record SessionDto
{
    public string? UserId { get; init; }
    public ItemDto? NowPlayingItem { get; init; }
}

/// <summary>The <c>UpdateUserItemDataDto</c> body of <c>POST /Users/{uid}/Items/{id}/UserData</c>; nulls are left out.</summary>
internal sealed record UserDataUpdateDto
{
    public bool? Played { get; init; }
    public long? PlaybackPositionTicks { get; init; }

    [JsonConverter(typeof(MediaBrowserDateConverter))]
    public DateTimeOffset? LastPlayedDate { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SystemInfoDto))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(IReadOnlyList<UserDto>))]
[JsonSerializable(typeof(ItemsResultDto))]
[JsonSerializable(typeof(IReadOnlyList<SessionDto>))]
[JsonSerializable(typeof(UserDataUpdateDto))]
internal sealed partial class MediaBrowserJsonContext : JsonSerializerContext;
