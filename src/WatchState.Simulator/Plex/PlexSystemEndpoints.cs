namespace WatchState.Simulator.Plex;

/// <summary><c>/</c>, <c>/identity</c> and <c>/library/sections</c>.</summary>
internal static class PlexSystemEndpoints
{
    public static void Map(IEndpointRouteBuilder app, PlexServer server)
    {
        app.MapMethods("/identity", [HttpMethods.Get, HttpMethods.Head], ctx => Identity(ctx, server));
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], ctx => Root(ctx, server));
        app.MapMethods("/library/sections", [HttpMethods.Get, HttpMethods.Head], Sections);
        app.MapMethods("/library/sections/all", [HttpMethods.Get, HttpMethods.Head], Sections);
        app.MapGet("/accounts", ctx => Accounts(ctx, server));
    }

    /// <summary>Only the owner may list accounts; id 0 is the server's own system account.</summary>
    private static async Task Accounts(HttpContext ctx, PlexServer server)
    {
        if (ctx.User() != PlexServer.Admin)
        {
            await PlexHttp.Html(ctx, StatusCodes.Status401Unauthorized, PlexHttp.Unauthorized);
            return;
        }

        var accounts = server.Accounts();
        await using var w = PlexBodyWriter.For(ctx, ctx.Request.WantsJson());
        w.BeginList("Account");
        w.BeginElement("Account");
        w.Attr("id", 0);
        w.Attr("key", "/accounts/0");
        w.Attr("name", "");
        w.EndElement();
        foreach (var (id, name) in accounts)
        {
            w.BeginElement("Account");
            w.Attr("id", id);
            w.Attr("key", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/accounts/{id}"));
            w.Attr("name", name);
            w.EndElement();
        }

        w.EndList();
        w.Attr("identifier", "com.plexapp.system.accounts");
        w.Attr("size", accounts.Count + 1);
    }

    private static async Task Identity(HttpContext ctx, PlexServer server)
    {
        await using var w = PlexBodyWriter.For(ctx, ctx.Request.WantsJson());
        w.Attr("size", 0);
        w.Attr("claimed", true);
        w.Attr("machineIdentifier", server.MachineIdentifier);
        w.Attr("version", server.Version);
    }

    private static async Task Root(HttpContext ctx, PlexServer server)
    {
        var admin = ctx.User() == PlexServer.Admin;
        await using var w = PlexBodyWriter.For(ctx, ctx.Request.WantsJson());
        w.Attr("size", 0);
        w.Attr("allowSync", admin);
        w.Attr("friendlyName", server.ServerName);
        w.Attr("machineIdentifier", server.MachineIdentifier);
        w.Attr("multiuser", true);
        w.Attr("myPlex", true);
        w.Attr("myPlexSigninState", "ok");
        w.Attr("platform", "Linux");
        w.Attr("platformVersion", "6.1.0");
        w.Attr("updatedAt", server.Now);
        w.Attr("version", server.Version);
    }

    private static async Task Sections(HttpContext ctx)
    {
        var sections = PlexCatalog.Sections;
        await using var w = PlexBodyWriter.For(ctx, ctx.Request.WantsJson());
        w.BeginList("Directory");
        foreach (var s in sections)
        {
            w.BeginElement("Directory");
            w.BeginList("Location");
            w.BeginElement("Location");
            w.Attr("id", s.Id);
            w.Attr("path", s.Location);
            w.EndElement();
            w.EndList();
            w.Attr("agent", s.Agent);
            w.Attr("allowSync", true);
            w.Attr("content", true);
            w.Attr("createdAt", 1_700_000_000L);
            w.Attr("directory", true);
            w.Attr("filters", true);
            w.Attr("hidden", 0);
            w.Attr("key", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.Attr("language", "en-US");
            w.Attr("refreshing", false);
            w.Attr("scannedAt", 1_700_000_000L);
            w.Attr("scanner", s.Scanner);
            w.Attr("title", s.Title);
            w.Attr("type", s.Type);
            w.Attr("updatedAt", 1_700_000_000L);
            w.Attr("uuid", s.Uuid);
            w.EndElement();
        }

        w.EndList();
        w.Attr("allowSync", false);
        w.Attr("size", sections.Count);
        w.Attr("title1", "Plex Library");
    }
}
