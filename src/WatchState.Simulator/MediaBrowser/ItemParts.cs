using System.Text.Json;
using F = WatchState.Simulator.MediaBrowser.ItemFields;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// Runs of BaseItemDto properties that Emby and Jellyfin both write in the same order behind the same
/// <c>Fields=</c> gates. Each flavour writer still decides where a run goes, because what sits between the runs
/// differs per server and the captures pin the exact property order.
/// </summary>
internal static class ItemParts
{
    /// <summary>How every non-view item opens; what follows Id (Etag or not) is the flavour's choice.</summary>
    public static void WriteNameAndIds(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        w.WriteString("Name"u8, item.Name);
        if (c.Has(F.OriginalTitle))
        {
            JsonBits.WriteStringIfSet(w, "OriginalTitle"u8, item.OriginalTitle);
        }

        w.WriteString("ServerId"u8, c.Server.ServerId);
        w.WriteString("Id"u8, item.Id);
    }

    /// <summary>Views always carry these, whatever <c>Fields=</c> asked, as both servers' /UserViews answers do.</summary>
    public static void WriteViewHead(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        w.WriteString("Name"u8, item.Name);
        w.WriteString("ServerId"u8, c.Server.ServerId);
        w.WriteString("Id"u8, item.Id);
        w.WriteString("Etag"u8, ItemWriteContext.Etag(item));
        JsonBits.WriteDate(w, "DateCreated"u8, item.DateCreated);
    }

    public static void WriteSortNameToExternalUrls(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
        if (c.Has(F.SortName))
        {
            w.WriteString("SortName"u8, item.SortName);
        }

        JsonBits.WriteDateIfSet(w, "PremiereDate"u8, item.PremiereDate);
        if (c.Has(F.ExternalUrls))
        {
            ItemWriteContext.WriteExternalUrls(w, item);
        }
    }

    public static void WriteDescription(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
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
    }

    /// <summary>A video's place in its series; unset numbers are left out, so movies write only the year.</summary>
    public static void WriteVideoNumbers(Utf8JsonWriter w, ServerItem item)
    {
        JsonBits.WriteNumberIfSet(w, "ProductionYear"u8, item.ProductionYear);
        JsonBits.WriteNumberIfSet(w, "IndexNumber"u8, item.IndexNumber);
        JsonBits.WriteNumberIfSet(w, "IndexNumberEnd"u8, item.IndexNumberEnd);
        JsonBits.WriteNumberIfSet(w, "ParentIndexNumber"u8, item.ParentIndexNumber);
    }

    public static void WriteIdsAndType(Utf8JsonWriter w, ItemWriteContext c, ServerItem item)
    {
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
    }
}
