using System.Buffers;
using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// The web socket's text frames: <c>{"MessageType":…,"Data":…}</c>; Jellyfin adds a <c>MessageId</c> to what it sends.
/// </summary>
internal static class SocketMessages
{
    public static byte[] Build(SimServer server, string type, Action<Utf8JsonWriter>? data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("MessageType"u8, type);
            if (data is not null)
            {
                w.WritePropertyName("Data"u8);
                data(w);
            }

            if (!server.IsEmby)
            {
                w.WriteString("MessageId"u8, Guid.NewGuid().ToString("N"));
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <c>UserDataChanged</c>: the user id in "N" form and each changed item's user data with its ItemId and Key, as
    /// the server's user-data notifier batches them per user.
    /// </summary>
    public static byte[] UserDataChanged(SimServer server, string userId, IEnumerable<string> itemIds)
    {
        var catalog = server.Catalog;
        return Build(server, "UserDataChanged", w =>
        {
            w.WriteStartObject();
            w.WriteString("UserId"u8, Guid.TryParse(userId, out var g) ? g.ToString("N") : userId);
            w.WriteStartArray("UserDataList"u8);
            foreach (var itemId in itemIds)
            {
                if (catalog.Find(itemId) is { } item)
                {
                    WriteUserData(w, server, item, server.UserData.Get(userId, item.Id));
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteUserData(Utf8JsonWriter w, SimServer server, ServerItem item, UserItemState s)
    {
        w.WriteStartObject();
        if (s.PositionTicks > 0 && item.RunTimeTicks > 0)
        {
            w.WriteNumber("PlayedPercentage"u8, (double)s.PositionTicks / item.RunTimeTicks * 100);
        }

        w.WriteNumber("PlaybackPositionTicks"u8, s.PositionTicks);
        w.WriteNumber("PlayCount"u8, s.PlayCount);
        w.WriteBoolean("IsFavorite"u8, s.IsFavorite);
        JsonBits.WriteDateIfSet(w, "LastPlayedDate"u8, s.LastPlayedDate);
        w.WriteBoolean("Played"u8, s.Played);
        w.WriteString("Key"u8, item.ProviderUserDataKey ?? IdAllocator.Dashed(item.Id));
        w.WriteString("ItemId"u8, item.Id);
        w.WriteEndObject();
    }
}
