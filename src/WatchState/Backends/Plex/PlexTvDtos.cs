using System.Text.Json.Serialization;

namespace WatchState.Backends.Plex;

// Wire shapes of the plex.tv JSON answers we read; plex.tv's older user routes speak XML (see PlexTvXml).

/// <summary><c>GET /api/v2/home/users/</c>: the owner's Plex Home.</summary>
internal sealed record PlexTvHomeDto
{
    public IReadOnlyList<PlexTvHomeUserDto>? Users { get; init; }
}

internal sealed record PlexTvHomeUserDto
{
    public long? Id { get; init; }
    public string? Uuid { get; init; }
    public string? Title { get; init; }
    public string? Username { get; init; }
    public string? FriendlyName { get; init; }

    /// <summary>The account's e-mail; null for a managed profile, which has no plex.tv account of its own.</summary>
    public string? Email { get; init; }
    public bool? Admin { get; init; }
    public bool? Guest { get; init; }
    public bool? Restricted { get; init; }

    /// <summary>True when switching to this profile needs its PIN.</summary>
    public bool? Protected { get; init; }
}

/// <summary>The account a home-user switch answers with; its token is only good for reaching plex.tv.</summary>
internal sealed record PlexTvSwitchDto
{
    public string? AuthToken { get; init; }
}

internal sealed record PlexTvErrorsDto
{
    public IReadOnlyList<PlexTvErrorDto>? Errors { get; init; }
}

internal sealed record PlexTvErrorDto
{
    public int? Code { get; init; }
    public string? Message { get; init; }
}

/// <summary>One device of <c>GET /api/v2/resources</c>; a server's entry carries this account's token for it.</summary>
internal sealed record PlexTvResourceDto
{
    public string? Name { get; init; }
    public string? ClientIdentifier { get; init; }
    public string? Provides { get; init; }
    public string? AccessToken { get; init; }
    public bool? Owned { get; init; }
}

/// <summary>One of the account's webhooks (<c>GET api/v2/user/webhooks</c>).</summary>
internal sealed record PlexTvWebhookDto(string? Url);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PlexTvHomeDto))]
[JsonSerializable(typeof(PlexTvSwitchDto))]
[JsonSerializable(typeof(PlexTvErrorsDto))]
[JsonSerializable(typeof(IReadOnlyList<PlexTvResourceDto>))]
[JsonSerializable(typeof(IReadOnlyList<PlexTvWebhookDto>))]
internal sealed partial class PlexTvJsonContext : JsonSerializerContext;
