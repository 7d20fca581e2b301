using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>UserDto bodies (with Configuration and Policy) in each flavour's shape.</summary>
internal static class UserWriter
{
    private static readonly object[] NoItems = [];

    private static readonly (string Name, object Value)[] JellyfinConfiguration =
    [
        ("PlayDefaultAudioTrack", true), ("SubtitleLanguagePreference", ""), ("DisplayMissingEpisodes", false),
        ("GroupedFolders", NoItems), ("SubtitleMode", "Default"), ("DisplayCollectionsView", false),
        ("EnableLocalPassword", false), ("OrderedViews", NoItems), ("LatestItemsExcludes", NoItems),
        ("MyMediaExcludes", NoItems), ("HidePlayedInLatest", true), ("RememberAudioSelections", true),
        ("RememberSubtitleSelections", true), ("EnableNextEpisodeAutoPlay", true), ("CastReceiverId", "F007D354"),
    ];

    private static readonly (string Name, object Value)[] EmbyConfiguration =
    [
        ("AudioLanguagePreference", ""), ("PlayDefaultAudioTrack", true), ("SubtitleLanguagePreference", ""),
        ("DisplayMissingEpisodes", false), ("SubtitleMode", "Smart"), ("OrderedViews", NoItems),
        ("LatestItemsExcludes", NoItems), ("MyMediaExcludes", NoItems), ("HidePlayedInLatest", true),
        ("RememberAudioSelections", true), ("RememberSubtitleSelections", true), ("EnableNextEpisodeAutoPlay", true),
    ];

    public static void Write(Utf8JsonWriter w, SimServer s, SimUser user)
    {
        w.WriteStartObject();
        w.WriteString("Name"u8, user.Name);
        w.WriteString("ServerId"u8, s.ServerId);
        w.WriteString("Id"u8, user.Id);
        w.WriteBoolean("HasPassword"u8, true);
        w.WriteBoolean("HasConfiguredPassword"u8, true);
        w.WriteBoolean("HasConfiguredEasyPassword"u8, false);
        if (!s.IsEmby)
        {
            w.WriteBoolean("EnableAutoLogin"u8, false);
        }

        JsonBits.WriteDateIfSet(w, "LastLoginDate"u8, user.LastLoginDate);
        JsonBits.WriteDateIfSet(w, "LastActivityDate"u8, user.LastLoginDate);
        WriteTable(w, "Configuration"u8, s.IsEmby ? EmbyConfiguration : JellyfinConfiguration);
        WriteTable(w, "Policy"u8, s.IsEmby ? EmbyPolicy(user.IsAdministrator) : JellyfinPolicy(user.IsAdministrator));
        w.WriteEndObject();
    }

    private static (string, object)[] JellyfinPolicy(bool admin) =>
    [
        ("IsAdministrator", admin), ("IsHidden", true), ("EnableCollectionManagement", false),
        ("EnableSubtitleManagement", false), ("EnableLyricManagement", false), ("IsDisabled", false),
        ("BlockedTags", NoItems), ("AllowedTags", NoItems), ("EnableUserPreferenceAccess", true),
        ("AccessSchedules", NoItems), ("BlockUnratedItems", NoItems), ("EnableRemoteControlOfOtherUsers", admin),
        ("EnableSharedDeviceControl", true), ("EnableRemoteAccess", true), ("EnableLiveTvManagement", false),
        ("EnableLiveTvAccess", true), ("EnableMediaPlayback", true), ("EnableAudioPlaybackTranscoding", true),
        ("EnableVideoPlaybackTranscoding", true), ("EnablePlaybackRemuxing", true),
        ("ForceRemoteSourceTranscoding", false), ("EnableContentDeletion", admin),
        ("EnableContentDeletionFromFolders", NoItems), ("EnableContentDownloading", true),
        ("EnableSyncTranscoding", true), ("EnableMediaConversion", true), ("EnabledDevices", NoItems),
        ("EnableAllDevices", true), ("EnabledChannels", NoItems), ("EnableAllChannels", true),
        ("EnabledFolders", NoItems), ("EnableAllFolders", true), ("InvalidLoginAttemptCount", 0),
        ("LoginAttemptsBeforeLockout", -1), ("MaxActiveSessions", 0), ("EnablePublicSharing", true),
        ("BlockedMediaFolders", NoItems), ("BlockedChannels", NoItems), ("RemoteClientBitrateLimit", 0),
        ("AuthenticationProviderId", "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider"),
        ("PasswordResetProviderId", "Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider"),
        ("SyncPlayAccess", "CreateAndJoinGroups"),
    ];

    private static (string, object)[] EmbyPolicy(bool admin) =>
    [
        ("IsAdministrator", admin), ("IsHidden", admin), ("IsHiddenRemotely", admin),
        ("IsHiddenFromUnusedDevices", false), ("IsDisabled", false), ("BlockedTags", NoItems),
        ("IsTagBlockingModeInclusive", false), ("EnableUserPreferenceAccess", true), ("AccessSchedules", NoItems),
        ("BlockUnratedItems", NoItems), ("EnableRemoteControlOfOtherUsers", admin),
        ("EnableSharedDeviceControl", true), ("EnableRemoteAccess", true), ("EnableLiveTvManagement", admin),
        ("EnableLiveTvAccess", true), ("EnableMediaPlayback", true), ("EnableAudioPlaybackTranscoding", true),
        ("EnableVideoPlaybackTranscoding", true), ("EnablePlaybackRemuxing", true), ("EnableContentDeletion", admin),
        ("EnableContentDownloading", true), ("EnableSubtitleDownloading", false), ("EnableSubtitleManagement", admin),
        ("EnableSyncTranscoding", true), ("EnableMediaConversion", true), ("EnableAllDevices", true),
        ("EnableAllChannels", true), ("EnableAllFolders", true), ("InvalidLoginAttemptCount", 0),
        ("EnablePublicSharing", true), ("RemoteClientBitrateLimit", 0), ("SimultaneousStreamLimit", 0),
    ];

    private static void WriteTable(Utf8JsonWriter w, ReadOnlySpan<byte> name, (string Name, object Value)[] table)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in table)
        {
            switch (value)
            {
                case bool b:
                    w.WriteBoolean(key, b);
                    break;
                case int n:
                    w.WriteNumber(key, n);
                    break;
                case string text:
                    w.WriteString(key, text);
                    break;
                default:
                    w.WriteStartArray(key);
                    w.WriteEndArray();
                    break;
            }
        }

        w.WriteEndObject();
    }
}
