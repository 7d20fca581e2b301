using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>A single direct-play file source, enough for clients that look at MediaSources at all.</summary>
internal static class MediaSourceWriter
{
    // About 4 Mbit/s, so sizes look like real video files.
    private const long BytesPerSecond = 500_000;

    private static readonly (string Name, bool Value)[] Flags =
    [
        ("ReadAtNativeFramerate", false), ("IgnoreDts", false), ("IgnoreIndex", false), ("GenPtsInput", false),
        ("SupportsTranscoding", true), ("SupportsDirectStream", true), ("SupportsDirectPlay", true),
        ("IsInfiniteStream", false), ("UseMostCompatibleTranscodingProfile", false), ("RequiresOpening", false),
        ("RequiresClosing", false), ("RequiresLooping", false), ("SupportsProbing", true),
    ];

    public static void Write(Utf8JsonWriter w, ServerItem item)
    {
        w.WriteStartArray("MediaSources"u8);
        w.WriteStartObject();
        w.WriteString("Protocol"u8, "File");
        w.WriteString("Id"u8, item.Id);
        w.WriteString("Path"u8, item.Path);
        w.WriteString("Type"u8, "Default");
        w.WriteString("Container"u8, ItemWriteContext.Container(item));
        w.WriteNumber("Size"u8, item.RunTimeTicks / TimeSpan.TicksPerSecond * BytesPerSecond);
        w.WriteString("Name"u8, item.Name);
        w.WriteBoolean("IsRemote"u8, false);
        w.WriteString("ETag"u8, ItemWriteContext.Etag(item));
        w.WriteNumber("RunTimeTicks"u8, item.RunTimeTicks);
        foreach (var (name, value) in Flags)
        {
            w.WriteBoolean(name, value);
        }

        w.WriteString("VideoType"u8, "VideoFile");
        JsonBits.WriteEmptyArray(w, "MediaStreams"u8);
        JsonBits.WriteEmptyArray(w, "MediaAttachments"u8);
        JsonBits.WriteEmptyArray(w, "Formats"u8);
        JsonBits.WriteEmptyObject(w, "RequiredHttpHeaders"u8);
        w.WriteString("TranscodingSubProtocol"u8, "http");
        w.WriteBoolean("HasSegments"u8, false);
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
