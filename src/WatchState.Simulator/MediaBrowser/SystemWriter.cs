using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>/System/Info and /System/Info/Public bodies in each flavour's shape.</summary>
internal static class SystemWriter
{
    private static readonly HostFolders JellyfinFolders = new(
        "/config/data", "/usr/share/jellyfin/web", "/config/data/metadata", "/config/cache", "/config/log",
        "/config/data/metadata", "/config/cache/transcodes");

    private static readonly HostFolders EmbyFolders = new(
        "/var/lib/emby", null, "/var/lib/emby/metadata", "/var/lib/emby/cache", "/var/lib/emby/logs",
        "/var/lib/emby/metadata", "/var/lib/emby/transcoding-temp");

    public static void WritePublic(Utf8JsonWriter w, SimServer s)
    {
        w.WriteStartObject();
        WritePublicProperties(w, s);
        w.WriteEndObject();
    }

    public static void WriteInfo(Utf8JsonWriter w, SimServer s)
    {
        if (s.IsEmby)
        {
            WriteEmbyInfo(w, s);
            return;
        }

        // Jellyfin 12 writes SystemInfo's own properties before the inherited PublicSystemInfo ones.
        w.WriteStartObject();
        w.WriteString("OperatingSystemDisplayName"u8, string.Empty);
        WriteHost(w, s, JellyfinFolders);
        w.WriteStartArray("CastReceiverApplications"u8);
        foreach (var (id, name) in (ReadOnlySpan<(string, string)>)[("F007D354", "Stable"), ("6F511C87", "Unstable")])
        {
            w.WriteStartObject();
            w.WriteString("Id"u8, id);
            w.WriteString("Name"u8, name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("HasUpdateAvailable"u8, false);
        w.WriteString("EncoderLocation"u8, "System");
        w.WriteString("SystemArchitecture"u8, "X64");
        WritePublicProperties(w, s);
        w.WriteEndObject();
    }

    private static void WriteEmbyInfo(Utf8JsonWriter w, SimServer s)
    {
        w.WriteStartObject();
        w.WriteString("SystemUpdateLevel"u8, "Release");
        w.WriteString("OperatingSystemDisplayName"u8, "Linux");
        w.WriteString("PackageName"u8, "emby-server-deb");
        WriteHost(w, s, EmbyFolders);
        w.WriteNumber("HttpServerPortNumber"u8, s.Port);
        w.WriteBoolean("SupportsHttps"u8, false);
        w.WriteNumber("HttpsPortNumber"u8, 8920);
        w.WriteBoolean("HasUpdateAvailable"u8, false);
        w.WriteBoolean("SupportsAutoRunAtStartup"u8, false);
        w.WriteBoolean("HardwareAccelerationRequiresPremiere"u8, true);
        w.WriteString("LocalAddress"u8, s.LocalAddress);
        w.WriteString("WanAddress"u8, s.LocalAddress);
        w.WriteString("ServerName"u8, s.ServerName);
        w.WriteString("Version"u8, s.Version);
        w.WriteString("OperatingSystem"u8, "Linux");
        w.WriteString("Id"u8, s.ServerId);
        w.WriteEndObject();
    }

    /// <summary>
    /// PublicSystemInfo's own properties. Full /System/Info ends with the same ones on Jellyfin (inherited
    /// properties come last there), so both bodies share this; Emby's public answer is the leaner subset.
    /// </summary>
    private static void WritePublicProperties(Utf8JsonWriter w, SimServer s)
    {
        w.WriteString("LocalAddress"u8, s.LocalAddress);
        w.WriteString("ServerName"u8, s.ServerName);
        w.WriteString("Version"u8, s.Version);
        if (!s.IsEmby)
        {
            w.WriteString("ProductName"u8, "Jellyfin Server");
            w.WriteString("OperatingSystem"u8, string.Empty);
        }

        w.WriteString("Id"u8, s.ServerId);
        if (!s.IsEmby)
        {
            w.WriteBoolean("StartupWizardCompleted"u8, true);
        }
    }

    /// <summary>
    /// The run-state and folder block that Jellyfin kept from its Emby fork, still in the same order on both; only
    /// Emby still writes CanSelfUpdate, and only Jellyfin reports a WebPath.
    /// </summary>
    private static void WriteHost(Utf8JsonWriter w, SimServer s, HostFolders folders)
    {
        w.WriteBoolean("HasPendingRestart"u8, false);
        w.WriteBoolean("IsShuttingDown"u8, false);
        w.WriteBoolean("SupportsLibraryMonitor"u8, true);
        w.WriteNumber("WebSocketPortNumber"u8, s.Port);
        JsonBits.WriteEmptyArray(w, "CompletedInstallations"u8);
        w.WriteBoolean("CanSelfRestart"u8, true);
        if (s.IsEmby)
        {
            w.WriteBoolean("CanSelfUpdate"u8, false);
        }

        w.WriteBoolean("CanLaunchWebBrowser"u8, false);
        w.WriteString("ProgramDataPath"u8, folders.ProgramData);
        JsonBits.WriteStringIfSet(w, "WebPath"u8, folders.Web);
        w.WriteString("ItemsByNamePath"u8, folders.ItemsByName);
        w.WriteString("CachePath"u8, folders.Cache);
        w.WriteString("LogPath"u8, folders.Log);
        w.WriteString("InternalMetadataPath"u8, folders.InternalMetadata);
        w.WriteString("TranscodingTempPath"u8, folders.TranscodingTemp);
    }

    /// <summary>Where each server's official Linux package keeps its data, as the captured answers report it.</summary>
    private sealed record HostFolders(
        string ProgramData, string? Web, string ItemsByName, string Cache, string Log, string InternalMetadata, string TranscodingTemp);
}
