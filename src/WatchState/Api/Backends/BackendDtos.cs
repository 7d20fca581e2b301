using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Live;

namespace WatchState.Api.Backends;

/// <summary>A configured backend as the API shows it: the token masked, never whole.</summary>
/// <param name="Token">"••••" and the token's last 4 characters.</param>
/// <param name="Live">Whether live events are on (<c>options.LIVE</c>).</param>
/// <param name="IgnoredLibraries">Library ids import skips (<c>options.IGNORE</c>).</param>
/// <param name="Options">The <c>options.*</c> keys; values of secret keys (tokens, PINs) are masked too.</param>
/// <param name="LiveStatus">The live connection of the running server; null when there is none.</param>
public sealed record BackendDto(
    string Name,
    string Type,
    string Url,
    string Token,
    string? Uuid,
    string? User,
    bool Import,
    bool Export,
    bool Live,
    IReadOnlyList<string> IgnoredLibraries,
    IReadOnlyDictionary<string, string> Options,
    LiveConnectionDto? LiveStatus)
{
    public static BackendDto From(BackendConfig backend, LiveConnection? live)
    {
        ArgumentNullException.ThrowIfNull(backend);
        bool liveOn;
        try
        {
            liveOn = LiveSettings.IsEnabled(backend);
        }
        catch (ConfigException)
        {
            liveOn = false;
        }

        return new BackendDto(
            backend.Name,
            TypeName(backend.Type),
            backend.Url.OriginalString,
            Mask(backend.Token),
            backend.Uuid,
            backend.User,
            backend.ImportEnabled,
            backend.ExportEnabled,
            liveOn,
            [.. Sync.IgnoredLibraries.Of(backend).Order(StringComparer.Ordinal)],
            backend.Options.ToDictionary(o => o.Key, o => IsSecret(o.Key) ? Mask(o.Value) : o.Value, StringComparer.Ordinal),
            live is null ? null : LiveConnectionDto.From(live));
    }

    // ADMIN_TOKEN, PLEX_USER_PIN and the like: whatever would let someone act as a user.
    private static readonly string[] SecretWords = ["token", "pin", "password", "apikey", "secret"];

    private static bool IsSecret(string key) => SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    public static string TypeName(BackendType type) => type.ToString().ToLowerInvariant();

    /// <summary>Enough to tell two tokens apart, never enough to use one; short tokens show nothing.</summary>
    public static string Mask(string secret) =>
        secret is { Length: >= 12 } ? "••••" + secret[^4..] : "••••";
}

/// <summary>How a backend's live event connection is doing.</summary>
public sealed record LiveConnectionDto(bool Connected, DateTimeOffset Since, DateTimeOffset? LastEventAt, string? Error, long Events)
{
    public static LiveConnectionDto From(LiveConnection c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Connected, c.Since, c.LastEventAt, c.Error, c.Events);
    }
}

/// <summary>POST /v1/api/backends: what <c>backend:add</c> takes.</summary>
/// <param name="Name">Lower-case letters, digits and _.</param>
/// <param name="Type">plex, jellyfin or emby.</param>
/// <param name="User">The id of the user whose play state is synced; may be left out when the server has one admin.</param>
/// <param name="Pin">The PIN of a protected Plex Home user.</param>
public sealed record BackendAddBody(string Name, string Type, string Url, string Token, string? User, string? Pin, bool? Import, bool? Export, bool? Live);

/// <summary>PATCH /v1/api/backends/{name}: only the given fields change.</summary>
/// <param name="Options">Keys to set; a null value removes the key.</param>
public sealed record BackendPatchBody(string? Url, string? Token, string? User, bool? Import, bool? Export, bool? Live, IReadOnlyDictionary<string, string?>? Options);

/// <summary>The result of a connection test.</summary>
/// <param name="Ok">True when the server answered with its identity.</param>
/// <param name="Error">Why the test failed; null when it worked.</param>
public sealed record BackendTestDto(bool Ok, string? ServerId, string? ServerName, string? Product, string? Version, string? Warning, string? Error);

/// <summary>A user of the backend's server.</summary>
/// <param name="Selected">True for the user this backend syncs.</param>
public sealed record BackendUserDto(string Id, string Name, bool Admin, string? Kind, bool NeedsPin, bool Selected);

/// <summary>A library of the backend's server.</summary>
/// <param name="Kind">movies, shows, mixed or unsupported.</param>
/// <param name="Ignored">True when import skips it (<c>options.IGNORE</c>).</param>
public sealed record BackendLibraryDto(string Id, string Name, string Kind, string? RawType, bool Ignored);

/// <summary>PUT /v1/api/backends/{name}/libraries/{id}/ignore; without a body the library is ignored.</summary>
public sealed record LibraryIgnoreBody(bool Ignore = true);
