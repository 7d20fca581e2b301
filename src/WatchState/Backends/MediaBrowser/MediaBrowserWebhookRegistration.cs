using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Registers watchstate's webhook on Jellyfin (a "Generic" destination of the Webhook plugin) or Emby (a
/// "Webhooks" notification service). The server's settings are edited as JSON trees, so fields this code does not
/// know survive the round trip; needs the admin API key.
/// </summary>
internal sealed class MediaBrowserWebhookRegistration(MediaBrowserApi api, BackendType type, string? user)
{
    public const string Name = "watchstate";

    // What the parsers use; progress comes from live events, so the chatty PlaybackProgress is not asked for.
    private static readonly string[] JellyfinTypes = ["ItemAdded", "PlaybackStart", "PlaybackStop", "UserDataSaved"];
    private static readonly string[] EmbyEvents =
        ["library.new", "playback.start", "playback.pause", "playback.unpause", "playback.stop", "item.markplayed", "item.markunplayed"];

    public Task<WebhookRegistration> RegisterAsync(Uri url, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        return type == BackendType.Jellyfin ? JellyfinAsync(url, dryRun, cancellationToken) : EmbyAsync(url, dryRun, cancellationToken);
    }

    private async Task<WebhookRegistration> JellyfinAsync(Uri url, bool dryRun, CancellationToken cancellationToken)
    {
        var plugins = await api.GetAsync("Plugins", RegistrationJsonContext.Default.JsonNode, cancellationToken) as JsonArray ?? [];
        var plugin = plugins.OfType<JsonObject>().FirstOrDefault(p => string.Equals(Text(p, "Name"), "Webhook", StringComparison.OrdinalIgnoreCase));
        var id = plugin is null ? null : Text(plugin, "Id");
        if (id is null)
        {
            throw new MediaBrowserException(
                api.Backend, "the Webhook plugin is not installed: Dashboard → Plugins → Catalog → Webhook, then restart Jellyfin", null);
        }

        var path = $"Plugins/{Uri.EscapeDataString(id)}/Configuration";
        var config = await api.GetAsync(path, RegistrationJsonContext.Default.JsonNode, cancellationToken) as JsonObject
            ?? throw new MediaBrowserException(api.Backend, "the Webhook plugin's configuration is not a JSON object", null);
        if (config["GenericOptions"] is not JsonArray destinations)
        {
            destinations = [];
            config["GenericOptions"] = destinations;
        }

        var ours = destinations.OfType<JsonObject>().FirstOrDefault(d => WebhookUrls.SameEndpoint(Text(d, "WebhookUri"), url));
        WebhookRegistrationAction action;
        if (ours is null)
        {
            destinations.Add(NewJellyfinDestination(url));
            action = WebhookRegistrationAction.Added;
        }
        else
        {
            var changed = Set(ours, "WebhookUri", url.ToString()) | AddUser(ours, "UserFilter") | Set(ours, "EnableWebhook", true);
            action = changed ? WebhookRegistrationAction.Updated : WebhookRegistrationAction.Unchanged;
        }

        if (!dryRun && action != WebhookRegistrationAction.Unchanged)
        {
            await PostAsync(path, config, cancellationToken);
        }

        return new WebhookRegistration(action, "Jellyfin Webhook plugin, Generic destination");
    }

    private async Task<WebhookRegistration> EmbyAsync(Uri url, bool dryRun, CancellationToken cancellationToken)
    {
        var path = "Notifications/Services/Configured" + (user is null ? "" : $"?UserId={Uri.EscapeDataString(user)}");
        var services = await api.GetAsync(path, RegistrationJsonContext.Default.JsonNode, cancellationToken) as JsonArray ?? [];
        var ours = services.OfType<JsonObject>().FirstOrDefault(s => s["Options"] is JsonObject o && WebhookUrls.SameEndpoint(Text(o, "Url"), url));
        WebhookRegistrationAction action;
        if (ours is null)
        {
            services.Add(NewEmbyService(url));
            action = WebhookRegistrationAction.Added;
        }
        else
        {
            var options = (JsonObject)ours["Options"]!;
            var changed = Set(options, "Url", url.ToString()) | Set(ours, "Enabled", true);
            action = changed ? WebhookRegistrationAction.Updated : WebhookRegistrationAction.Unchanged;
        }

        if (!dryRun && action != WebhookRegistrationAction.Unchanged)
        {
            await PostAsync(path, services, cancellationToken);
        }

        return new WebhookRegistration(action, "Emby notifications, Webhooks service");
    }

    private JsonObject NewJellyfinDestination(Uri url) => new()
    {
        ["WebhookName"] = Name,
        ["WebhookUri"] = url.ToString(),
        ["NotificationTypes"] = new JsonArray([.. JellyfinTypes.Select(t => (JsonNode)t)]),
        ["EnableMovies"] = true,
        ["EnableEpisodes"] = true,
        ["EnableSeries"] = false,
        ["EnableSeasons"] = false,
        ["EnableAlbums"] = false,
        ["EnableSongs"] = false,
        ["EnableVideos"] = false,
        ["SendAllProperties"] = true,
        ["TrimWhitespace"] = true,
        ["SkipEmptyMessageBody"] = true,
        ["EnableWebhook"] = true,
        ["Template"] = "",
        ["Headers"] = new JsonArray(new JsonObject { ["Key"] = "Content-Type", ["Value"] = "application/json" }),
        ["Fields"] = new JsonArray(),
        ["UserFilter"] = user is null ? new JsonArray() : new JsonArray(Compact(user)),
    };

    private static JsonObject NewEmbyService(Uri url) => new()
    {
        ["NotifierKey"] = "webhooknotifications",
        ["ServiceName"] = "Webhooks",
        ["Enabled"] = true,
        ["FriendlyName"] = Name,
        ["UserIds"] = new JsonArray(),
        ["DeviceIds"] = new JsonArray(),
        ["LibraryIds"] = new JsonArray(),
        ["EventIds"] = new JsonArray([.. EmbyEvents.Select(e => (JsonNode)e)]),
        ["IsSelfNotification"] = false,
        ["GroupItems"] = false,
        ["Options"] = new JsonObject { ["EnableMultipartFormData"] = false, ["Url"] = url.ToString() },
    };

    /// <summary>Adds this backend's user to a destination that filters users; other users' filters stay.</summary>
    private bool AddUser(JsonObject destination, string key)
    {
        if (user is null || destination[key] is not JsonArray filter || filter.Count == 0)
        {
            // An empty filter already means every user.
            return false;
        }

        var id = Compact(user);
        if (filter.Any(n => n is JsonValue v && v.TryGetValue<string>(out var s) && Compact(s) == id))
        {
            return false;
        }

        filter.Add(id);
        return true;
    }

    private async Task PostAsync(string path, JsonNode body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        await api.SendAsync(HttpMethod.Post, path, content, cancellationToken);
    }

    private static bool Set<T>(JsonObject target, string key, T value)
    {
        if (target[key] is JsonValue existing && existing.TryGetValue<T>(out var current) && EqualityComparer<T>.Default.Equals(current, value))
        {
            return false;
        }

        target[key] = JsonValue.Create(value);
        return true;
    }

    private static string? Text(JsonObject node, string key) =>
        node[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Compact(string id) => id.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class RegistrationJsonContext : JsonSerializerContext;
