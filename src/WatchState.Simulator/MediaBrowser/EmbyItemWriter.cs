using System.Text.Json;
using F = WatchState.Simulator.MediaBrowser.ItemFields;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// BaseItemDto as Emby 4.8 writes it: leaner than Jellyfin's (no ChannelId, no Key/ItemId in UserData, no
/// LocationType), numeric ids, optional properties gated by <c>Fields=</c> the same way.
/// </summary>
internal static class EmbyItemWriter
{
    public static void Write(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        if (item.Kind == ItemKind.CollectionFolder)
        {
            WriteView(w, c, item);
            return;
        }

        var video = item.IsVideo;
        w.WriteStartObject();
        ItemParts.WriteNameAndIds(w, c, item);
        if (c.Has(F.DateCreated))
        {
            JsonBits.WriteDate(w, "DateCreated"u8, item.DateCreated);
        }

        if (video)
        {
            w.WriteString("Container"u8, ItemWriteContext.Container(item));
        }

        ItemParts.WriteSortNameToExternalUrls(w, c, item);
        if (c.Has(F.Path))
        {
            w.WriteString("Path"u8, item.Path);
        }

        ItemParts.WriteDescription(w, c, item);
        if (video)
        {
            w.WriteNumber("RunTimeTicks"u8, item.RunTimeTicks);
        }

        // Series and seasons have none of the episode numbers set, so the shared run writes only what they carry.
        ItemParts.WriteVideoNumbers(w, item);
        ItemParts.WriteIdsAndType(w, c, item);
        c.WriteUserData(w, item);
        JsonBits.WriteStringIfSet(w, "SeriesName"u8, item.SeriesName);
        JsonBits.WriteStringIfSet(w, "SeriesId"u8, item.SeriesId);
        JsonBits.WriteStringIfSet(w, "SeasonId"u8, item.SeasonId);
        JsonBits.WriteStringIfSet(w, "SeasonName"u8, item.SeasonName);
        if (item.Kind == ItemKind.Series)
        {
            JsonBits.WriteEmptyArray(w, "AirDays"u8);
        }
        else
        {
            JsonBits.WriteEmptyObject(w, "ImageTags"u8);
            JsonBits.WriteEmptyArray(w, "BackdropImageTags"u8);
        }

        w.WriteString("MediaType"u8, "Video");
        w.WriteEndObject();
    }

    private static void WriteView(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        w.WriteStartObject();
        ItemParts.WriteViewHead(w, c, item);
        w.WriteBoolean("CanDelete"u8, false);
        w.WriteBoolean("CanDownload"u8, false);
        w.WriteString("SortName"u8, item.SortName);
        w.WriteString("ForcedSortName"u8, item.Name);
        JsonBits.WriteEmptyArray(w, "ExternalUrls"u8);
        JsonBits.WriteEmptyArray(w, "Taglines"u8);
        JsonBits.WriteEmptyArray(w, "RemoteTrailers"u8);
        JsonBits.WriteEmptyObject(w, "ProviderIds"u8);
        w.WriteBoolean("IsFolder"u8, true);
        w.WriteString("ParentId"u8, item.ParentId);
        w.WriteString("Type"u8, "CollectionFolder");
        c.WriteUserData(w, item);
        w.WriteNumber("ChildCount"u8, c.Catalog.ChildCount(item.Id));
        w.WriteString("DisplayPreferencesId"u8, ItemWriteContext.DisplayPreferencesId(item));
        w.WriteString("CollectionType"u8, item.CollectionType);
        JsonBits.WriteEmptyObject(w, "ImageTags"u8);
        JsonBits.WriteEmptyArray(w, "BackdropImageTags"u8);
        JsonBits.WriteEmptyArray(w, "LockedFields"u8);
        w.WriteBoolean("LockData"u8, false);
        w.WriteEndObject();
    }
}
