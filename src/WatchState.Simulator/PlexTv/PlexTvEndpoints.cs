using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace WatchState.Simulator.PlexTv;

/// <summary>
/// The plex.tv routes a sync tool uses, in plex.tv's formats: JSON on the v2 routes (which need a client
/// identifier), XML on the older user routes, 401 for a token plex.tv does not know.
/// </summary>
internal static class PlexTvEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Map(WebApplication app, PlexTvDirectory directory)
    {
        app.MapGet("/api/v2/home/users", ctx => HomeUsers(ctx, directory));
        app.MapGet("/api/v2/resources", ctx => Resources(ctx, directory));
        app.MapPost("/api/v2/home/users/{uuid}/switch", (HttpContext ctx, string uuid) => Switch(ctx, directory, uuid));
        app.MapGet("/api/v2/user/webhooks", ctx => Owner(ctx, directory) is null
            ? Refuse(ctx)
            : WriteJson(ctx, StatusCodes.Status200OK, directory.Webhooks.Select(url => new { url })));
        app.MapPost("/api/v2/user/webhooks", ctx => SaveWebhooks(ctx, directory));
        app.MapGet("/api/users", ctx => SharedUsers(ctx, directory));
        app.MapGet("/api/servers/{machineIdentifier}/shared_servers", (HttpContext ctx, string machineIdentifier) =>
            Shares(ctx, directory, machineIdentifier));
    }

    private static async Task SaveWebhooks(HttpContext ctx, PlexTvDirectory directory)
    {
        if (Owner(ctx, directory) is null)
        {
            await Refuse(ctx);
            return;
        }

        if (!ctx.Request.HasFormContentType)
        {
            await WriteJson(ctx, StatusCodes.Status400BadRequest, Errors(1000, "urls[] form field expected"));
            return;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        directory.Webhooks = [.. form["urls[]"].OfType<string>()];
        ctx.Response.StatusCode = StatusCodes.Status201Created;
    }

    private static Task HomeUsers(HttpContext ctx, PlexTvDirectory directory)
    {
        if (Owner(ctx, directory) is not { } owner)
        {
            return Refuse(ctx);
        }

        var users = directory.Accounts().Where(a => a.Home).Select(a => new
        {
            id = a.Id,
            uuid = a.Uuid,
            title = a.Name,
            username = a.Owner ? a.Name : null,
            friendlyName = a.Name,
            email = a.Email,
            thumb = Thumb(a),
            admin = a.Owner,
            guest = false,
            restricted = !a.Owner,
            @protected = a.Owner || a.Pin is not null,
        });
        return WriteJson(ctx, StatusCodes.Status200OK, new { id = 1_841_489, name = $"{owner.Name}'s home", users });
    }

    private static Task Resources(HttpContext ctx, PlexTvDirectory directory)
    {
        if (directory.AccountOf(Token(ctx)) is not { } account)
        {
            return Refuse(ctx);
        }

        object[] devices =
        [
            new
            {
                name = directory.ServerName,
                product = "Plex Media Server",
                clientIdentifier = directory.MachineIdentifier,
                provides = "server",
                owned = account.Owner,
                home = account.Home,
                accessToken = directory.ServerTokenOf(account),
                connections = Array.Empty<object>(),
            },
            new { name = "Chrome", product = "Plex Web", clientIdentifier = "plexweb_id", provides = "client,player", owned = true },
        ];
        return WriteJson(ctx, StatusCodes.Status200OK, devices);
    }

    private static Task Switch(HttpContext ctx, PlexTvDirectory directory, string uuid)
    {
        if (Owner(ctx, directory) is null)
        {
            return Refuse(ctx);
        }

        var account = directory.Accounts().FirstOrDefault(a => a.Home && a.Uuid == uuid);
        if (account is null)
        {
            return WriteJson(ctx, StatusCodes.Status404NotFound, Errors(1002, "User could not be found"));
        }

        if (account.Pin is not null && ctx.Request.Query["pin"] != account.Pin)
        {
            return WriteJson(ctx, StatusCodes.Status403Forbidden, Errors(1041, "A valid PIN is required to perform this action"));
        }

        return WriteJson(ctx, StatusCodes.Status201Created, new
        {
            id = account.Id,
            uuid = account.Uuid,
            title = account.Name,
            thumb = Thumb(account),
            authToken = directory.Switch(account),
            home = true,
            guest = false,
            homeAdmin = account.Owner,
        });
    }

    private static Task SharedUsers(HttpContext ctx, PlexTvDirectory directory)
    {
        if (Owner(ctx, directory) is null)
        {
            return Refuse(ctx);
        }

        var users = directory.Accounts().Where(a => !a.Owner).Select(a => new XElement(
            "User",
            new XAttribute("id", a.Id),
            new XAttribute("title", a.Name),
            new XAttribute("username", a.Name),
            new XAttribute("email", a.Email ?? ""),
            new XAttribute("thumb", Thumb(a)),
            new XAttribute("home", a.Home ? "1" : "0"),
            new XAttribute("protected", a.Pin is null ? "0" : "1"),
            new XAttribute("restricted", "0"),
            new XElement("Server", new XAttribute("machineIdentifier", directory.MachineIdentifier), new XAttribute("owned", "1"))));
        return WriteXml(ctx, new XElement("MediaContainer", new XAttribute("friendlyName", "myPlex"), users));
    }

    private static Task Shares(HttpContext ctx, PlexTvDirectory directory, string machineIdentifier)
    {
        if (Owner(ctx, directory) is null)
        {
            return Refuse(ctx);
        }

        if (!string.Equals(machineIdentifier, directory.MachineIdentifier, StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var shares = directory.Accounts().Where(a => !a.Owner && !a.Home).Select(a => new XElement(
            "SharedServer",
            new XAttribute("id", 30_000 + a.Id % 1000),
            new XAttribute("username", a.Name),
            new XAttribute("userID", a.Id),
            new XAttribute("accessToken", directory.ServerTokenOf(a)),
            new XAttribute("name", directory.ServerName),
            new XAttribute("owned", "0")));
        return WriteXml(ctx, new XElement("MediaContainer", new XAttribute("machineIdentifier", directory.MachineIdentifier), shares));
    }

    private static PlexTvAccount? Owner(HttpContext ctx, PlexTvDirectory directory) =>
        directory.AccountOf(Token(ctx)) is { Owner: true } owner ? owner : null;

    private static string? Token(HttpContext ctx)
    {
        var header = ctx.Request.Headers["X-Plex-Token"].FirstOrDefault();
        return string.IsNullOrEmpty(header) ? ctx.Request.Query["X-Plex-Token"].FirstOrDefault() : header;
    }

    private static string Thumb(PlexTvAccount account) =>
        string.Create(CultureInfo.InvariantCulture, $"https://plex.tv/users/{account.Uuid}/avatar?c=1700000000");

    private static object Errors(int code, string message) => new { errors = new[] { new { code, message } } };

    private static Task Refuse(HttpContext ctx) =>
        WriteJson(ctx, StatusCodes.Status401Unauthorized, Errors(1001, "User could not be authenticated"));

    private static Task WriteJson(HttpContext ctx, int status, object body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(JsonSerializer.Serialize(body, Json), ctx.RequestAborted);
    }

    private static Task WriteXml(HttpContext ctx, XElement container)
    {
        container.SetAttributeValue("size", container.Elements().Count());
        ctx.Response.ContentType = "text/xml;charset=utf-8";
        return ctx.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + container, ctx.RequestAborted);
    }
}
