using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WatchState.Benchmarks;

/// <summary>One webhook as a server sends it.</summary>
internal sealed record WebhookBodyData(string ContentType, string? UserAgent, byte[] Body);

/// <summary>
/// Realistic webhooks from the shared fixture bodies (Plex scrobble as multipart, Jellyfin TogglePlayed, Emby
/// item.markplayed as JSON or multipart), each about its own movie, with a marker to find it in the inbox.
/// </summary>
internal static partial class WebhookBodies
{
    public const string JellyfinUser = "8b3927ec-daff-469c-9499-74a42fe1ff5d";
    public const string EmbyUser = "5c6157fb8ae34f63bcea188887d7a3f0";
    private const string Boundary = "----WatchStateBenchBoundary";

    /// <summary>The backends the fixture bodies name (server uuids and users as in the captures).</summary>
    public const string Servers = """
        plex:
          type: plex
          url: http://127.0.0.1:9
          token: owner-token
          uuid: 7d5f0c6b9e2a4c1f8b3e6a9d2c5f8e1b4a7d0c3f
        jellyfin:
          type: jellyfin
          url: http://127.0.0.1:9
          token: jf-token
          uuid: a7fc5094cc8546ef876d29f90b2db025
          user: 8b3927ec-daff-469c-9499-74a42fe1ff5d
        emby:
          type: emby
          url: http://127.0.0.1:9
          token: emby-token
          uuid: 86948e6c881522c4baca4c1fd10319d9
          user: 5c6157fb8ae34f63bcea188887d7a3f0
        """;

    public static WebhookBodyData Body(string fixtures, int n) => (n % 3) switch
    {
        0 => Plex(fixtures, n),
        1 => Jellyfin(fixtures, n),
        _ => Emby(fixtures, n),
    };

    public static int? MarkerIn(byte[] body) =>
        MarkerPattern().Match(Encoding.UTF8.GetString(body)) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>shared/fixtures beside the repository, found from the binaries or the current directory.</summary>
    public static string FindFixtures()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/fixtures was not found beside the repository or any folder above it");
    }

    private static string Marker(int n) => string.Create(CultureInfo.InvariantCulture, $"load-{n:D6}");

    private static JsonObject Read(string fixtures, string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, file)))!.AsObject();

    private static WebhookBodyData Plex(string fixtures, int n)
    {
        var p = Read(fixtures, "plex/webhook-media.scrobble.json");
        var meta = p["Metadata"]!.AsObject();
        var key = (500_000 + n).ToString(CultureInfo.InvariantCulture);
        meta["ratingKey"] = key;
        meta["key"] = "/library/metadata/" + key;
        meta["guid"] = string.Create(CultureInfo.InvariantCulture, $"plex://movie/5d77{n:D20}");
        meta["title"] = Marker(n);
        meta["Guid"] = new JsonArray(new JsonObject { ["id"] = string.Create(CultureInfo.InvariantCulture, $"imdb://tt9{n:D7}") });
        return Multipart(p.ToJsonString(), "payload", "PlexMediaServer/1.40.0.7998-c29d4c0c8", thumb: true);
    }

    private static WebhookBodyData Jellyfin(string fixtures, int n)
    {
        var j = Read(fixtures, "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json");
        j["ItemId"] = n.ToString("x32", CultureInfo.InvariantCulture);
        j["Name"] = Marker(n);
        j["Provider_imdb"] = string.Create(CultureInfo.InvariantCulture, $"tt8{n:D7}");
        return new WebhookBodyData("application/json; charset=utf-8", "Jellyfin-Server/12.0.0", Encoding.UTF8.GetBytes(j.ToJsonString()));
    }

    private static WebhookBodyData Emby(string fixtures, int n)
    {
        var e = Read(fixtures, "emby/webhook-item.markplayed.json");
        var item = e["Item"]!.AsObject();
        item["Id"] = (300_000 + n).ToString(CultureInfo.InvariantCulture);
        item["Name"] = Marker(n);
        item["Type"] = "Movie";
        foreach (var episodeField in new[] { "SeriesName", "SeriesId", "SeasonId", "SeasonName", "IndexNumber", "ParentIndexNumber", "ParentId" })
        {
            item.Remove(episodeField);
        }

        item["ProviderIds"] = new JsonObject { ["Imdb"] = string.Create(CultureInfo.InvariantCulture, $"tt7{n:D7}") };
        return n / 3 % 2 == 0
            ? Multipart(e.ToJsonString(), "data", null, thumb: false)
            : new WebhookBodyData("application/json", null, Encoding.UTF8.GetBytes(e.ToJsonString()));
    }

    private static WebhookBodyData Multipart(string json, string field, string? agent, bool thumb)
    {
        using var body = new MemoryStream();
        void Text(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        if (thumb)
        {
            // Plex puts a small JPEG thumbnail before the payload.
            Text($"--{Boundary}\r\nContent-Disposition: form-data; name=\"thumb\"; filename=\"thumb.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
            body.Write(new byte[2048]);
            Text("\r\n");
        }

        Text($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\nContent-Type: application/json\r\n\r\n{json}\r\n--{Boundary}--\r\n");
        return new WebhookBodyData($"multipart/form-data; boundary={Boundary}", agent, body.ToArray());
    }

    [GeneratedRegex("load-([0-9]{6})")]
    private static partial Regex MarkerPattern();
}
