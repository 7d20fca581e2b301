using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>
/// Distinct real-looking webhooks for load tests: the Plex scrobble (multipart), the Jellyfin TogglePlayed and the
/// Emby item.markplayed fixture bodies, each about its own movie (ids and title carry the number), so every one
/// adds exactly one item and can be found again in the inbox by its marker.
/// </summary>
internal static partial class WebhookLoad
{
    public static string Marker(int n) => string.Create(CultureInfo.InvariantCulture, $"load-{n:D6}");

    /// <summary>The backend each body is routed to (see <see cref="WebhookHarness.Servers"/>).</summary>
    public static string BackendOf(int n) => (n % 3) switch
    {
        0 => "plex_owner",
        1 => "jellyfin",
        _ => "emby",
    };

    public static WebhookRequest Body(int n) => (n % 3) switch
    {
        0 => WebhookHarness.EditedPlex("webhook-media.scrobble.json", p =>
        {
            var meta = p["Metadata"]!.AsObject();
            var key = (500_000 + n).ToString(CultureInfo.InvariantCulture);
            meta["ratingKey"] = key;
            meta["key"] = "/library/metadata/" + key;
            meta["guid"] = string.Create(CultureInfo.InvariantCulture, $"plex://movie/5d77{n:D20}");
            meta["title"] = Marker(n);
            meta["Guid"] = new JsonArray(
                new JsonObject { ["id"] = string.Create(CultureInfo.InvariantCulture, $"imdb://tt9{n:D6}") },
                new JsonObject { ["id"] = string.Create(CultureInfo.InvariantCulture, $"tmdb://9{n:D6}") });
        }),
        1 => WebhookHarness.Edited(
            "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json",
            WebhookSamples.JellyfinAgent,
            j =>
            {
                j["ItemId"] = n.ToString("x32", CultureInfo.InvariantCulture);
                j["Name"] = Marker(n);
                j["Provider_imdb"] = string.Create(CultureInfo.InvariantCulture, $"tt8{n:D6}");
            }),
        _ => Emby(n),
    };

    private static WebhookRequest Emby(int n)
    {
        var edited = WebhookHarness.Edited("emby/webhook-item.markplayed.json", null, e =>
        {
            var item = e["Item"]!.AsObject();
            item["Id"] = (300_000 + n).ToString(CultureInfo.InvariantCulture);
            item["Name"] = Marker(n);
            item["Type"] = "Movie";
            foreach (var episodeField in new[] { "SeriesName", "SeriesId", "SeasonId", "SeasonName", "IndexNumber", "ParentIndexNumber", "ParentId" })
            {
                item.Remove(episodeField);
            }

            item["ProviderIds"] = new JsonObject { ["Imdb"] = string.Create(CultureInfo.InvariantCulture, $"tt7{n:D6}") };
        });

        // Emby sends either form, depending on the notification's settings.
        return n / 3 % 2 == 0
            ? WebhookSamples.MultipartOf(System.Text.Encoding.UTF8.GetString(edited.Body.Span), WebhookBody.EmbyField, null, withImage: false)
            : edited;
    }

    /// <summary>The marker number in a stored body; null when there is none.</summary>
    public static int? MarkerIn(ReadOnlySpan<byte> body)
    {
        var match = MarkerPattern().Match(System.Text.Encoding.UTF8.GetString(body));
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    public static HttpRequestMessage Message(WebhookRequest request, string apiKey)
    {
        var content = new ByteArrayContent(request.Body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        var message = new HttpRequestMessage(HttpMethod.Post, $"{WebhookEndpoints.Path}?apikey={Uri.EscapeDataString(apiKey)}") { Content = content };
        if (request.UserAgent is not null)
        {
            message.Headers.TryAddWithoutValidation("User-Agent", request.UserAgent);
        }

        return message;
    }

    [GeneratedRegex("load-([0-9]{6})")]
    private static partial Regex MarkerPattern();
}
