using System.Text.Json;
using F = WatchState.Simulator.MediaBrowser.ItemFields;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// BaseItemDto as Jellyfin writes it: property order of the DTO class, nulls omitted except ChannelId, optional
/// properties only when their <c>Fields=</c> value was asked for (single-item reads ask for all).
/// </summary>
internal static class JellyfinItemWriter
{
    public static void Write(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        switch (item.Kind)
        {
            case ItemKind.CollectionFolder:
                WriteView(w, c, item);
                break;
            case ItemKind.Series or ItemKind.Season:
                WriteFolder(w, c, item);
                break;
            default:
                WriteVideo(w, c, item);
                break;
        }
    }

    private static void WriteVideo(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        var episode = item.Kind == ItemKind.Episode;
        w.WriteStartObject();
        Head(w, c, item);
        w.WriteString("Container"u8, ItemWriteContext.Container(item));
        ItemParts.WriteSortNameToExternalUrls(w, c, item);
        if (c.Has(F.MediaSources))
        {
            MediaSourceWriter.Write(w, item);
        }

        if (c.Has(F.ProductionLocations) && !episode)
        {
            JsonBits.WriteEmptyArray(w, "ProductionLocations"u8);
        }

        Middle(w, c, item);
        w.WriteNumber("RunTimeTicks"u8, item.RunTimeTicks);
        if (c.Has(F.PlayAccess))
        {
            w.WriteString("PlayAccess"u8, "Full");
        }

        ItemParts.WriteVideoNumbers(w, item);
        Identity(w, c, item);
        JsonBits.WriteStringIfSet(w, "SeriesName"u8, item.SeriesName);
        JsonBits.WriteStringIfSet(w, "SeriesId"u8, item.SeriesId);
        JsonBits.WriteStringIfSet(w, "SeasonId"u8, item.SeasonId);
        Counts(w, c, item);
        JsonBits.WriteStringIfSet(w, "SeasonName"u8, item.SeasonName);
        if (c.Has(F.MediaStreams))
        {
            JsonBits.WriteEmptyArray(w, "MediaStreams"u8);
        }

        w.WriteString("VideoType"u8, "VideoFile");
        Images(w);
        if (c.Has(F.SeriesStudio) && episode)
        {
            w.WriteString("SeriesStudio"u8, string.Empty);
        }

        if (c.Has(F.Chapters))
        {
            JsonBits.WriteEmptyArray(w, "Chapters"u8);
        }

        if (c.Has(F.Trickplay))
        {
            JsonBits.WriteEmptyObject(w, "Trickplay"u8);
        }

        Tail(w, c, "Video");
    }

    private static void WriteFolder(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        var series = item.Kind == ItemKind.Series;
        w.WriteStartObject();
        Head(w, c, item, series && c.Has(F.DateLastMediaAdded) ? LastMediaAdded(c, item) : null);
        ItemParts.WriteSortNameToExternalUrls(w, c, item);
        Middle(w, c, item);
        if (c.Has(F.PlayAccess))
        {
            w.WriteString("PlayAccess"u8, "Full");
        }

        JsonBits.WriteNumberIfSet(w, "ProductionYear"u8, item.ProductionYear);
        JsonBits.WriteNumberIfSet(w, "IndexNumber"u8, item.IndexNumber);
        Identity(w, c, item);
        if (c.Has(F.ChildCount))
        {
            w.WriteNumber("ChildCount"u8, c.Catalog.ChildCount(item.Id));
        }

        JsonBits.WriteStringIfSet(w, "SeriesName"u8, item.SeriesName);
        JsonBits.WriteStringIfSet(w, "SeriesId"u8, item.SeriesId);
        Counts(w, c, item, airDays: series);
        Images(w);
        Tail(w, c, "Unknown");
    }

    /// <summary>Views (libraries) always come with every field, as the real /UserViews answer does.</summary>
    private static void WriteView(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        w.WriteStartObject();
        ItemParts.WriteViewHead(w, c, item);
        JsonBits.WriteDate(w, "DateLastMediaAdded"u8, DateTime.MinValue);
        w.WriteBoolean("CanDelete"u8, false);
        w.WriteBoolean("CanDownload"u8, false);
        w.WriteString("SortName"u8, item.SortName);
        JsonBits.WriteEmptyArray(w, "ExternalUrls"u8);
        w.WriteString("Path"u8, item.Path);
        w.WriteBoolean("EnableMediaSourceDisplay"u8, true);
        w.WriteNull("ChannelId"u8);
        JsonBits.WriteEmptyArray(w, "Taglines"u8);
        JsonBits.WriteEmptyArray(w, "Genres"u8);
        w.WriteString("PlayAccess"u8, "Full");
        JsonBits.WriteEmptyArray(w, "RemoteTrailers"u8);
        JsonBits.WriteEmptyObject(w, "ProviderIds"u8);
        w.WriteBoolean("IsFolder"u8, true);
        w.WriteString("ParentId"u8, item.ParentId);
        w.WriteString("Type"u8, "CollectionFolder");
        JsonBits.WriteEmptyArray(w, "People"u8);
        JsonBits.WriteEmptyArray(w, "Studios"u8);
        JsonBits.WriteEmptyArray(w, "GenreItems"u8);
        w.WriteNumber("LocalTrailerCount"u8, 0);
        c.WriteUserData(w, item);
        w.WriteNumber("ChildCount"u8, c.Catalog.ChildCount(item.Id));
        w.WriteNumber("SpecialFeatureCount"u8, 0);
        w.WriteString("DisplayPreferencesId"u8, ItemWriteContext.DisplayPreferencesId(item));
        JsonBits.WriteEmptyArray(w, "Tags"u8);
        w.WriteString("CollectionType"u8, item.CollectionType);
        Images(w);
        JsonBits.WriteEmptyArray(w, "Chapters"u8);
        w.WriteString("LocationType"u8, "FileSystem");
        w.WriteString("MediaType"u8, "Unknown");
        JsonBits.WriteEmptyArray(w, "LockedFields"u8);
        w.WriteBoolean("LockData"u8, false);
        w.WriteEndObject();
    }

    private static void Head(Utf8JsonWriter w, ItemWriteContext c, ServerItem item, DateTime? lastMediaAdded = null)
    {
        ItemParts.WriteNameAndIds(w, c, item);
        if (c.Has(F.Etag))
        {
            w.WriteString("Etag"u8, ItemWriteContext.Etag(item));
        }

        if (c.Has(F.DateCreated))
        {
            JsonBits.WriteDate(w, "DateCreated"u8, item.DateCreated);
        }

        JsonBits.WriteDateIfSet(w, "DateLastMediaAdded"u8, lastMediaAdded);
        if (c.Has(F.CanDelete))
        {
            w.WriteBoolean("CanDelete"u8, c.CanDelete);
        }

        if (c.Has(F.CanDownload))
        {
            w.WriteBoolean("CanDownload"u8, item.IsVideo);
        }
    }

    private static void Middle(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        if (c.Has(F.Path))
        {
            w.WriteString("Path"u8, item.Path);
        }

        if (c.Has(F.EnableMediaSourceDisplay))
        {
            w.WriteBoolean("EnableMediaSourceDisplay"u8, true);
        }

        w.WriteNull("ChannelId"u8);
        ItemParts.WriteDescription(w, c, item);
    }

    private static void Identity(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        if (c.Has(F.RemoteTrailers))
        {
            JsonBits.WriteEmptyArray(w, "RemoteTrailers"u8);
        }

        ItemParts.WriteIdsAndType(w, c, item);
        if (c.Has(F.People))
        {
            JsonBits.WriteEmptyArray(w, "People"u8);
        }

        if (c.Has(F.Studios))
        {
            JsonBits.WriteEmptyArray(w, "Studios"u8);
        }

        if (c.Has(F.Genres))
        {
            ItemWriteContext.WriteGenreItems(w, item);
        }

        if (c.Has(F.LocalTrailerCount))
        {
            w.WriteNumber("LocalTrailerCount"u8, 0);
        }

        c.WriteUserData(w, item);
    }

    private static void Counts(Utf8JsonWriter w, ItemWriteContext c, ServerItem item, bool airDays = false)
    {
        if (c.Has(F.SpecialFeatureCount))
        {
            w.WriteNumber("SpecialFeatureCount"u8, 0);
        }

        if (c.Has(F.DisplayPreferencesId))
        {
            w.WriteString("DisplayPreferencesId"u8, ItemWriteContext.DisplayPreferencesId(item));
        }

        if (airDays)
        {
            JsonBits.WriteEmptyArray(w, "AirDays"u8);
        }

        if (c.Has(F.Tags))
        {
            JsonBits.WriteEmptyArray(w, "Tags"u8);
        }
    }

    private static void Images(Utf8JsonWriter w)
    {
        JsonBits.WriteEmptyObject(w, "ImageTags"u8);
        JsonBits.WriteEmptyArray(w, "BackdropImageTags"u8);
        JsonBits.WriteEmptyObject(w, "ImageBlurHashes"u8);
    }

    private static void Tail(Utf8JsonWriter w, ItemWriteContext c, string mediaType)
    {
        w.WriteString("LocationType"u8, "FileSystem");
        w.WriteString("MediaType"u8, mediaType);
        if (c.Has(F.Settings))
        {
            JsonBits.WriteEmptyArray(w, "LockedFields"u8);
            w.WriteBoolean("LockData"u8, false);
        }

        w.WriteEndObject();
    }

    private static DateTime LastMediaAdded(ItemWriteContext c, ServerItem series)
    {
        var last = series.DateCreated;
        foreach (var e in c.Catalog.EpisodesUnder(series.Id))
        {
            last = e.DateCreated > last ? e.DateCreated : last;
        }

        return last;
    }
}
