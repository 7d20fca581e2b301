namespace WatchState.Backends.Plex;

/// <summary>The <c>options.*</c> keys of a Plex backend that acts as a user other than the owner (WatchState's names).</summary>
internal static class PlexOptions
{
    /// <summary>The owner's token, kept to fetch the user's token again.</summary>
    public const string AdminToken = "ADMIN_TOKEN";
    public const string UserUuid = "plex_user_uuid";
    public const string UserName = "plex_user_name";
    public const string UserPin = "PLEX_USER_PIN";

    /// <summary>"true" for a user the server is shared with (outside the owner's Home).</summary>
    public const string ExternalUser = "plex_external_user";

    /// <summary>"true" when the configured token is a user's own token that cannot list users.</summary>
    public const string LimitedToken = "is_limited_token";

    /// <summary>The options whose values are secrets: never shown, never logged.</summary>
    public static readonly IReadOnlySet<string> Secrets = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { AdminToken, UserPin };

    public static string? Find(IReadOnlyDictionary<string, string> options, string key) => ClientSettings.Find(options, key);
}

/// <summary>The two HTTP clients a Plex backend talks through: its server, and plex.tv for users and tokens.</summary>
internal sealed record PlexHttp(HttpClient Server, HttpClient PlexTv, Uri PlexTvUrl);
