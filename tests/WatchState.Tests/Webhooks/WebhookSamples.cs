using System.Text;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>Fixture bodies wrapped the way each server sends them (multipart field, User-Agent, content type).</summary>
internal static class WebhookSamples
{
    public const string Boundary = "----WatchStateTestBoundary7d5f0c6b";
    public const string PlexAgent = "PlexMediaServer/1.40.0.7998-c29d4c0c8";
    public const string TautulliAgent = "Tautulli/v2.13.4";
    public const string JellyfinAgent = "Jellyfin-Server/12.0.0";
    public const string JsonType = "application/json; charset=utf-8";

    public static WebhookRequest Plex(string file) => Multipart("plex/" + file, WebhookBody.PlexField, PlexAgent, withImage: true);

    public static WebhookRequest Tautulli(string file) => Json("tautulli/" + file, TautulliAgent);

    public static WebhookRequest Jellyfin(string file) => Json(file, JellyfinAgent);

    public static WebhookRequest Emby(string file, bool multipart) =>
        multipart ? Multipart("emby/" + file, WebhookBody.EmbyField, null, withImage: false) : Json("emby/" + file, null);

    /// <summary>Any request for a fixture path, chosen by its folder.</summary>
    public static WebhookRequest For(string path) => path.Split('/')[0] switch
    {
        "plex" => Plex(path["plex/".Length..]),
        "tautulli" => Tautulli(path["tautulli/".Length..]),
        "emby" => Emby(path["emby/".Length..], multipart: false),
        _ => Jellyfin(path),
    };

    public static WebhookRequest Json(string fixture, string? agent) =>
        new(JsonType, agent, Encoding.UTF8.GetBytes(Fixtures.Read(fixture)));

    public static WebhookRequest Multipart(string fixture, string field, string? agent, bool withImage) =>
        MultipartOf(Fixtures.Read(fixture), field, agent, withImage);

    public static WebhookRequest MultipartOf(string json, string field, string? agent, bool withImage)
    {
        using var body = new MemoryStream();
        void Text(string s) => body.Write(Encoding.UTF8.GetBytes(s));

        // Plex sends the thumbnail part too; it comes first here so the reader has to skip it.
        if (withImage)
        {
            Text($"--{Boundary}\r\nContent-Disposition: form-data; name=\"thumb\"; filename=\"thumb.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
            body.Write([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0xFF, 0xD9]);
            Text("\r\n");
        }

        Text($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\nContent-Type: application/json\r\n\r\n{json}\r\n--{Boundary}--\r\n");
        return new WebhookRequest($"multipart/form-data; boundary={Boundary}", agent, body.ToArray());
    }
}
