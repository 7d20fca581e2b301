using Microsoft.AspNetCore.Routing.Patterns;

namespace WatchState.Simulator.Plex;

/// <summary>What runs before every endpoint: request log, injected faults, protocol header, token check.</summary>
internal static class PlexPipeline
{
    public static Task Faults(HttpContext ctx, PlexServer server, RequestDelegate next)
    {
        var request = ctx.Request;
        server.Record($"{request.Method} {request.Path}{request.QueryString}");
        return FaultPlayer.RunAsync(ctx, server.Faults, server.TimeProvider, FailAsync, "application/json", next);
    }

    // PMS answers an injected failure with the bare status and no body.
    private static Task FailAsync(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    public static Task Authenticate(HttpContext ctx, PlexServer server, RequestDelegate next)
    {
        ctx.Response.Headers["X-Plex-Protocol"] = "1.0";
        if (ctx.Request.Path == "/identity")
        {
            return next(ctx);
        }

        var user = server.UserOf(ctx.Request.PlexValue("X-Plex-Token"));
        if (user is null)
        {
            return PlexHttp.Html(ctx, StatusCodes.Status401Unauthorized, PlexHttp.Unauthorized);
        }

        ctx.SetUser(user);
        return next(ctx);
    }

    /// <summary>PMS paths are case-sensitive, unlike ASP.NET routing: a literal spelled differently is a 404.</summary>
    public static Task CaseSensitivePaths(HttpContext ctx, RequestDelegate next)
    {
        if (ctx.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern })
        {
            var segments = (ctx.Request.Path.Value ?? "/").Trim('/').Split('/');
            for (var i = 0; i < pattern.PathSegments.Count && i < segments.Length; i++)
            {
                if (pattern.PathSegments[i].Parts is [RoutePatternLiteralPart literal] && !string.Equals(literal.Content, segments[i], StringComparison.Ordinal))
                {
                    return PlexHttp.Html(ctx, StatusCodes.Status404NotFound, PlexHttp.NotFound);
                }
            }
        }

        return next(ctx);
    }
}
