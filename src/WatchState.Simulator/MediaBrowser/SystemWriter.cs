using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>/System/Info and /System/Info/Public bodies in each flavour's shape.</summary>
internal static class SystemWriter
{
    public static void WritePublic(Utf8JsonWriter w, SimServer s)
    {
        w.WriteStartObject();
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
        w.WriteBoolean("HasPendingRestart"u8, false);
        w.WriteBoolean("IsShuttingDown"u8, false);
        w.WriteBoolean("SupportsLibraryMonitor"u8, true);
        w.WriteNumber("WebSocketPortNumber"u8, s.Port);
        JsonBits.WriteEmptyArray(w, "CompletedInstallations"u8);
        w.WriteBoolean("CanSelfRestart"u8, true);
        w.WriteBoolean("CanLaunchWebBrowser"u8, false);
        w.WriteString("ProgramDataPath"u8, "/config/data");
        w.WriteString("WebPath"u8, "/usr/share/jellyfin/web");
        w.WriteString("ItemsByNamePath"u8, "/config/data/metadata");
        w.WriteString("CachePath"u8, "/config/cache");
        w.WriteString("LogPath"u8, "/config/log");
        w.WriteString("InternalMetadataPath"u8, "/config/data/metadata");
        w.WriteString("TranscodingTempPath"u8, "/config/cache/transcodes");
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
        w.WriteString("LocalAddress"u8, s.LocalAddress);
        w.WriteString("ServerName"u8, s.ServerName);
        w.WriteString("Version"u8, s.Version);
        w.WriteString("ProductName"u8, "Jellyfin Server");
        w.WriteString("OperatingSystem"u8, string.Empty);
        w.WriteString("Id"u8, s.ServerId);
        w.WriteBoolean("StartupWizardCompleted"u8, true);
        w.WriteEndObject();
    }

    private static void WriteEmbyInfo(Utf8JsonWriter w, SimServer s)
    {
        w.WriteStartObject();
        w.WriteString("SystemUpdateLevel"u8, "Release");
        w.WriteString("OperatingSystemDisplayName"u8, "Linux");
        w.WriteString("PackageName"u8, "emby-server-deb");
        w.WriteBoolean("HasPendingRestart"u8, false);
        w.WriteBoolean("IsShuttingDown"u8, false);
        w.WriteBoolean("SupportsLibraryMonitor"u8, true);
        w.WriteNumber("WebSocketPortNumber"u8, s.Port);
        JsonBits.WriteEmptyArray(w, "CompletedInstallations"u8);
        w.WriteBoolean("CanSelfRestart"u8, true);
        w.WriteBoolean("CanSelfUpdate"u8, false);
        w.WriteBoolean("CanLaunchWebBrowser"u8, false);
        w.WriteString("ProgramDataPath"u8, "/var/lib/emby");
        w.WriteString("ItemsByNamePath"u8, "/var/lib/emby/metadata");
        w.WriteString("CachePath"u8, "/var/lib/emby/cache");
        w.WriteString("LogPath"u8, "/var/lib/emby/logs");
        w.WriteString("InternalMetadataPath"u8, "/var/lib/emby/metadata");
        w.WriteString("TranscodingTempPath"u8, "/var/lib/emby/transcoding-temp");
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
}
