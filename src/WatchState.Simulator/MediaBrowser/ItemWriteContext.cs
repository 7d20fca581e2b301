using System.Globalization;
using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>What one response needs to write items: the snapshot, whose data, which optional fields.</summary>
internal sealed class ItemWriteContext(SimServer server, Catalog catalog, SimUser? user, ItemFields fields, bool enableUserData)
{
    public SimServer Server { get; } = server;

    public Catalog Catalog { get; } = catalog;

    public SimUser? User { get; } = user;

    public bool Has(ItemFields field) => (fields & field) != 0;

    public bool CanDelete => User?.IsAdministrator ?? true;

    public void WriteItem(Utf8JsonWriter w, ServerItem item)
    {
        if (Server.IsEmby)
        {
            EmbyItemWriter.Write(w, this, item);
        }
        else
        {
            JellyfinItemWriter.Write(w, this, item);
        }
    }

    public void WriteUserData(Utf8JsonWriter w, ServerItem item)
    {
        if (enableUserData && User is not null)
        {
            w.WritePropertyName("UserData"u8);
            UserDataWriter.Write(w, Server, Catalog, item, User.Id);
        }
    }

    public static string Etag(ServerItem item) =>
        IdAllocator.Hash(item.Id, "etag:" + item.DateCreated.Ticks.ToString(CultureInfo.InvariantCulture));

    public static string DisplayPreferencesId(ServerItem item) =>
        item.Kind == ItemKind.CollectionFolder ? item.Id : IdAllocator.Hash(item.Id, "display");

    public static string Container(ServerItem item) => Path.GetExtension(item.Path).TrimStart('.');

    public static void WriteExternalUrls(Utf8JsonWriter w, ServerItem item)
    {
        w.WriteStartArray("ExternalUrls"u8);
        foreach (var (key, value) in item.ProviderIds)
        {
            var (name, url) = key.ToLowerInvariant() switch
            {
                "imdb" => ("IMDb", "https://www.imdb.com/title/" + value),
                "tmdb" => ("TheMovieDb", (item.Kind == ItemKind.Movie ? "https://www.themoviedb.org/movie/" : "https://www.themoviedb.org/tv/") + value),
                "tvdb" => ("TheTVDB", (item.Kind == ItemKind.Episode ? "https://thetvdb.com/?tab=episode&id=" : "https://thetvdb.com/?tab=series&id=") + value),
                _ => (null, null),
            };
            if (name is not null)
            {
                w.WriteStartObject();
                w.WriteString("Name"u8, name);
                w.WriteString("Url"u8, url);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    }

    public static void WriteGenreItems(Utf8JsonWriter w, ServerItem item)
    {
        w.WriteStartArray("GenreItems"u8);
        foreach (var genre in item.Genres)
        {
            w.WriteStartObject();
            w.WriteString("Name"u8, genre);
            w.WriteString("Id"u8, IdAllocator.Hash("genre", genre));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
