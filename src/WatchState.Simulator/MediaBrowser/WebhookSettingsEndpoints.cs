using System.Text.Json;
using System.Text.Json.Nodes;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// Where a server keeps its webhook destinations: Jellyfin's Webhook plugin configuration and Emby's configured
/// notification services. Both are stored as the JSON the client sent, as the real servers round-trip them.
/// </summary>
public sealed class SimWebhookSettings
{
    /// <summary>The Webhook plugin's id in <c>GET /Plugins</c>.</summary>
    public const string PluginId = "71552a5a5c5c4350a2aeebe451a30173";

    private readonly Lock _lock = new();
    private JsonObject _pluginConfiguration = new()
    {
        ["ServerUrl"] = "",
        ["DiscordOptions"] = new JsonArray(),
        ["GenericOptions"] = new JsonArray(),
        ["GenericFormOptions"] = new JsonArray(),
    };

    private JsonArray _embyServices = [];

    /// <summary>Whether Jellyfin has the Webhook plugin installed.</summary>
    public bool PluginInstalled { get; set; } = true;

    /// <summary>A copy of Jellyfin's Webhook plugin configuration.</summary>
    public JsonObject PluginConfiguration
    {
        get
        {
            lock (_lock)
            {
                return (JsonObject)_pluginConfiguration.DeepClone();
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                _pluginConfiguration = (JsonObject)value.DeepClone();
            }
        }
    }

    /// <summary>A copy of Emby's configured notification services.</summary>
    public JsonArray EmbyServices
    {
        get
        {
            lock (_lock)
            {
                return (JsonArray)_embyServices.DeepClone();
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                _embyServices = (JsonArray)value.DeepClone();
            }
        }
    }
}

internal static class WebhookSettingsEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimServer server, SimWebhookSettings settings)
    {
        if (server.IsEmby)
        {
            app.MapGet("/Notifications/Services/Configured", ctx => Admin(ctx, () => Write(ctx, settings.EmbyServices)));
            app.MapPost("/Notifications/Services/Configured", ctx => Admin(ctx, () => SaveAsync<JsonArray>(ctx, s => settings.EmbyServices = s)));
            return;
        }

        app.MapGet("/Plugins", ctx => Admin(ctx, () => Write(ctx, Plugins(settings))));
        app.MapGet("/Plugins/{id}/Configuration", ctx => Admin(ctx, () => IsPlugin(ctx, settings)
            ? Write(ctx, settings.PluginConfiguration)
            : Http.Status(ctx, StatusCodes.Status404NotFound)));
        app.MapPost("/Plugins/{id}/Configuration", ctx => Admin(ctx, () => IsPlugin(ctx, settings)
            ? SaveAsync<JsonObject>(ctx, c => settings.PluginConfiguration = c)
            : Http.Status(ctx, StatusCodes.Status404NotFound)));
    }

    private static JsonArray Plugins(SimWebhookSettings settings)
    {
        var plugins = new JsonArray(new JsonObject
        {
            ["Name"] = "TMDb",
            ["Version"] = "10.11.8.0",
            ["Id"] = "b8715ed16c4745289ad3f72deb539cd4",
            ["Status"] = "Active",
        });
        if (settings.PluginInstalled)
        {
            plugins.Add(new JsonObject
            {
                ["Name"] = "Webhook",
                ["Version"] = "21.0.0.0",
                ["ConfigurationFileName"] = "Jellyfin.Plugin.Webhook.xml",
                ["Id"] = SimWebhookSettings.PluginId,
                ["Status"] = "Active",
            });
        }

        return plugins;
    }

    private static bool IsPlugin(HttpContext ctx, SimWebhookSettings settings) =>
        settings.PluginInstalled && string.Equals(ctx.Route("id")?.Replace("-", "", StringComparison.Ordinal), SimWebhookSettings.PluginId, StringComparison.OrdinalIgnoreCase);

    private static Task Admin(HttpContext ctx, Func<Task> next) =>
        ctx.GetPrincipal() is { IsAdmin: true } ? next() : Http.Forbidden(ctx);

    private static Task Write(HttpContext ctx, JsonNode node) => Http.Json(ctx, w => node.WriteTo(w));

    private static async Task SaveAsync<T>(HttpContext ctx, Action<T> save)
        where T : JsonNode
    {
        try
        {
            if (await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) is T node)
            {
                save(node);
                ctx.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
        }
        catch (JsonException)
        {
            // Answered as a bad request below.
        }

        ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
