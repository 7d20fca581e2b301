using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>Who a request authenticated as: the API key (acts for anyone) or one user's access token.</summary>
internal sealed record Principal(SimUser? User)
{
    public bool IsAdmin => User is null || User.IsAdministrator;
}

/// <summary>Marks an endpoint that answers without a token.</summary>
internal sealed record AnonymousEndpoint;

/// <summary>Response helpers shared by the endpoints.</summary>
internal static class Http
{
    private static readonly object PrincipalKey = new();

    public static Principal? GetPrincipal(this HttpContext ctx) => ctx.Items[PrincipalKey] as Principal;

    public static void SetPrincipal(this HttpContext ctx, Principal principal) => ctx.Items[PrincipalKey] = principal;

    public static string? Route(this HttpContext ctx, string key) => ctx.Request.RouteValues[key] as string;

    public static Task Status(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>What Jellyfin answers when a user token reaches for another user's data.</summary>
    public static Task Forbidden(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.WriteAsync("Error processing request.", ctx.RequestAborted);
    }

    public static async Task Json(HttpContext ctx, Action<Utf8JsonWriter> write)
    {
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = JsonBits.ContentType;
        await using (var w = new Utf8JsonWriter(ctx.Response.BodyWriter))
        {
            write(w);
        }

        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>
    /// Resolves the user a request acts for: the explicit id if given (404 when unknown), otherwise the token's
    /// user. A non-admin token acting for someone else gets 403. On failure the answer is already written and Ok is false.
    /// </summary>
    public static async Task<(bool Ok, SimUser? User)> ResolveUser(HttpContext ctx, SimServer server, string? userId, bool required)
    {
        var principal = ctx.GetPrincipal() ?? new Principal(null);
        SimUser? user;
        if (string.IsNullOrEmpty(userId))
        {
            user = principal.User;
            if (user is null && required)
            {
                await Status(ctx, StatusCodes.Status400BadRequest);
                return (false, null);
            }
        }
        else
        {
            user = server.FindUser(userId);
            if (user is null)
            {
                await Status(ctx, StatusCodes.Status404NotFound);
                return (false, null);
            }
        }

        if (!principal.IsAdmin && user is not null && user.Id != principal.User!.Id)
        {
            await Forbidden(ctx);
            return (false, null);
        }

        return (true, user);
    }
}
