using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>Writes UserItemDataDto objects in each flavour's property order.</summary>
internal static class UserDataWriter
{
    /// <summary>The user's data for any item: videos from the store, folders aggregated over their episodes.</summary>
    public static void Write(Utf8JsonWriter w, SimServer server, Catalog catalog, ServerItem item, string userId)
    {
        var state = server.UserData.Get(userId, item.Id);
        switch (item.Kind)
        {
            case ItemKind.CollectionFolder:
                WriteView(w, server, item);
                break;
            case ItemKind.Series or ItemKind.Season:
                var (played, total) = server.UserData.Count(userId, catalog.EpisodesUnder(item.Id));
                WriteFolder(w, server, item, state, played, total);
                break;
            default:
                WriteVideo(w, server, item, state);
                break;
        }
    }

    private static void WriteVideo(Utf8JsonWriter w, SimServer server, ServerItem item, UserItemState s)
    {
        double? percentage = s.PositionTicks > 0 && item.RunTimeTicks > 0
            ? (double)s.PositionTicks / item.RunTimeTicks * 100
            : null;
        w.WriteStartObject();
        if (!server.IsEmby && percentage is { } p)
        {
            w.WriteNumber("PlayedPercentage"u8, p);
        }

        w.WriteNumber("PlaybackPositionTicks"u8, s.PositionTicks);
        w.WriteNumber("PlayCount"u8, s.PlayCount);
        w.WriteBoolean("IsFavorite"u8, s.IsFavorite);
        JsonBits.WriteDateIfSet(w, "LastPlayedDate"u8, s.LastPlayedDate);
        w.WriteBoolean("Played"u8, s.Played);
        if (server.IsEmby)
        {
            if (percentage is { } ep)
            {
                w.WriteNumber("PlayedPercentage"u8, ep);
            }
        }
        else
        {
            WriteKey(w, item);
        }

        w.WriteEndObject();
    }

    private static void WriteFolder(Utf8JsonWriter w, SimServer server, ServerItem item, UserItemState s, int played, int total)
    {
        w.WriteStartObject();
        if (!server.IsEmby && total > 0)
        {
            w.WriteNumber("PlayedPercentage"u8, (double)played / total * 100);
        }

        w.WriteNumber("UnplayedItemCount"u8, total - played);
        w.WriteNumber("PlaybackPositionTicks"u8, 0);
        w.WriteNumber("PlayCount"u8, s.PlayCount);
        w.WriteBoolean("IsFavorite"u8, s.IsFavorite);
        JsonBits.WriteDateIfSet(w, "LastPlayedDate"u8, s.LastPlayedDate);
        w.WriteBoolean("Played"u8, total > 0 && played == total);
        if (!server.IsEmby)
        {
            WriteKey(w, item);
        }

        w.WriteEndObject();
    }

    private static void WriteView(Utf8JsonWriter w, SimServer server, ServerItem item)
    {
        w.WriteStartObject();
        w.WriteNumber("PlaybackPositionTicks"u8, 0);
        if (!server.IsEmby)
        {
            w.WriteNumber("PlayCount"u8, 0);
        }

        w.WriteBoolean("IsFavorite"u8, false);
        w.WriteBoolean("Played"u8, false);
        if (!server.IsEmby)
        {
            WriteKey(w, item);
        }

        w.WriteEndObject();
    }

    private static void WriteKey(Utf8JsonWriter w, ServerItem item)
    {
        w.WriteString("Key"u8, item.ProviderUserDataKey ?? IdAllocator.Dashed(item.Id));
        w.WriteString("ItemId"u8, item.Id);
    }
}
