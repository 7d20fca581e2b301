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
        w.WriteString("Name"u8, item.Name);
        if (c.Has(F.OriginalTitle))
        {
            JsonBits.WriteStringIfSet(w, "OriginalTitle"u8, item.OriginalTitle);
        }

        w.WriteString("ServerId"u8, c.Server.ServerId);
        w.WriteString("Id"u8, item.Id);
        if (c.Has(F.DateCreated))
        {
            JsonBits.WriteDate(w, "DateCreated"u8, item.DateCreated);
        }

        if (video)
        {
            w.WriteString("Container"u8, ItemWriteContext.Container(item));
        }

        if (c.Has(F.SortName))
        {
            w.WriteString("SortName"u8, item.SortName);
        }

        JsonBits.WriteDateIfSet(w, "PremiereDate"u8, item.PremiereDate);
        if (c.Has(F.ExternalUrls))
        {
            ItemWriteContext.WriteExternalUrls(w, item);
        }

        if (c.Has(F.Path))
        {
            w.WriteString("Path"u8, item.Path);
        }

        if (c.Has(F.Overview))
        {
            JsonBits.WriteStringIfSet(w, "Overview"u8, item.Overview);
        }

        if (c.Has(F.Taglines))
        {
            JsonBits.WriteEmptyArray(w, "Taglines"u8);
        }

        if (c.Has(F.Genres))
        {
            JsonBits.WriteStrings(w, "Genres"u8, item.Genres);
        }

        if (video)
        {
            w.WriteNumber("RunTimeTicks"u8, item.RunTimeTicks);
        }

        JsonBits.WriteNumberIfSet(w, "ProductionYear"u8, item.ProductionYear);
        JsonBits.WriteNumberIfSet(w, "IndexNumber"u8, item.IndexNumber);
        JsonBits.WriteNumberIfSet(w, "IndexNumberEnd"u8, item.IndexNumberEnd);
        JsonBits.WriteNumberIfSet(w, "ParentIndexNumber"u8, item.ParentIndexNumber);
        if (c.Has(F.ProviderIds))
        {
            JsonBits.WriteProviderIds(w, item.ProviderIds);
        }

        w.WriteBoolean("IsFolder"u8, item.IsFolder);
        if (c.Has(F.ParentId))
        {
            w.WriteString("ParentId"u8, item.ParentId);
        }

        w.WriteString("Type"u8, item.TypeName);
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
        w.WriteString("Name"u8, item.Name);
        w.WriteString("ServerId"u8, c.Server.ServerId);
        w.WriteString("Id"u8, item.Id);
        w.WriteString("Etag"u8, ItemWriteContext.Etag(item));
        JsonBits.WriteDate(w, "DateCreated"u8, item.DateCreated);
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
