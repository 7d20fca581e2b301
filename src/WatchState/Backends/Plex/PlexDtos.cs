using System.Text.Json.Serialization;
using WatchState.Backends.Http;

namespace WatchState.Backends.Plex;

// Wire shapes of the Plex Media Server JSON API, reduced to the attributes we read. Plex leaves attributes out
// when they are unset (no viewCount on an unwatched item), so everything is nullable.

/// <summary>Every PMS JSON answer is wrapped in <c>{"MediaContainer": …}</c>.</summary>
internal sealed record PlexResponseDto
{
    [JsonPropertyName("MediaContainer")]
    public PlexContainerDto? MediaContainer { get; init; }
}

internal sealed record PlexContainerDto
{
    public string? MachineIdentifier { get; init; }
    public string? FriendlyName { get; init; }
    public string? Version { get; init; }
    public int? TotalSize { get; init; }
    public int? Offset { get; init; }
    public int? Size { get; init; }
    public int? LibrarySectionID { get; init; }
    [JsonPropertyName("Metadata")]
    [JsonConverter(typeof(NullSkippingListConverter<PlexMetadataDto>))]
    public IReadOnlyList<PlexMetadataDto>? Metadata { get; init; }
    [JsonPropertyName("Directory")]
    [JsonConverter(typeof(NullSkippingListConverter<PlexDirectoryDto>))]
    public IReadOnlyList<PlexDirectoryDto>? Directory { get; init; }
    [JsonPropertyName("Account")]
    [JsonConverter(typeof(NullSkippingListConverter<PlexAccountDto>))]
    public IReadOnlyList<PlexAccountDto>? Account { get; init; }
}

/// <summary>A library section in <c>/library/sections</c>.</summary>
internal sealed record PlexDirectoryDto
{
    public string? Key { get; init; }
    public string? Title { get; init; }
    public string? Type { get; init; }
    public string? Agent { get; init; }
}

/// <summary>A local account of the server in <c>/accounts</c>; the owner is id 1.</summary>
internal sealed record PlexAccountDto
{
    public long? Id { get; init; }
    public string? Name { get; init; }
}

internal sealed record PlexMetadataDto
{
    public string? RatingKey { get; init; }
    public string? Type { get; init; }
    public string? Title { get; init; }
    public string? OriginalTitle { get; init; }
    public int? Year { get; init; }

    /// <summary><c>YYYY-MM-DD</c>; the year comes from here when <see cref="Year"/> is missing.</summary>
    public string? OriginallyAvailableAt { get; init; }

    public int? ViewCount { get; init; }

    /// <summary>Epoch seconds.</summary>
    public long? LastViewedAt { get; init; }

    /// <summary>Resume position in milliseconds.</summary>
    public long? ViewOffset { get; init; }

    /// <summary>Epoch seconds.</summary>
    public long? AddedAt { get; init; }

    /// <summary>Epoch seconds.</summary>
    public long? UpdatedAt { get; init; }

    /// <summary>Milliseconds.</summary>
    public long? Duration { get; init; }

    /// <summary>The agent's own id: <c>plex://movie/…</c> or a legacy <c>com.plexapp.agents.imdb://tt…?lang=en</c>.</summary>
    public string? Guid { get; init; }

    /// <summary>The external ids (<c>imdb://tt…</c>); only present when the request says <c>includeGuids=1</c>.</summary>
    [JsonPropertyName("Guid")]
    [JsonConverter(typeof(NullSkippingListConverter<PlexGuidDto>))]
    public IReadOnlyList<PlexGuidDto>? Guids { get; init; }

    public int? ParentIndex { get; init; }
    public int? Index { get; init; }
    public string? GrandparentRatingKey { get; init; }
    public string? GrandparentTitle { get; init; }
    public string? GrandparentGuid { get; init; }
    public int? LibrarySectionID { get; init; }
    [JsonPropertyName("Media")]
    [JsonConverter(typeof(NullSkippingListConverter<PlexMediaDto>))]
    public IReadOnlyList<PlexMediaDto>? Media { get; init; }

    /// <summary>The playback's key in <c>/status/sessions</c>, as <c>playing</c> notifications name it.</summary>
    public string? SessionKey { get; init; }

    /// <summary>Who is playing, in <c>/status/sessions</c> only; the owner is local account id 1.</summary>
    [JsonPropertyName("User")]
    public PlexSessionUserDto? User { get; init; }
}

internal sealed record PlexSessionUserDto
{
    /// <summary>A string in PMS JSON ("1" for the owner).</summary>
    public string? Id { get; init; }
    public string? Title { get; init; }
}

internal sealed record PlexGuidDto
{
    public string? Id { get; init; }
}

internal sealed record PlexMediaDto
{
    [JsonPropertyName("Part")]
    [JsonConverter(typeof(NullSkippingListConverter<PlexPartDto>))]
    public IReadOnlyList<PlexPartDto>? Part { get; init; }
}

internal sealed record PlexPartDto
{
    public string? File { get; init; }
}

// Case-sensitive on purpose: "guid" (the agent id) and "Guid" (the id array) differ only in case.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PlexResponseDto))]
internal sealed partial class PlexJsonContext : JsonSerializerContext;
