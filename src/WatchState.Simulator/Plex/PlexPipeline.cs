namespace WatchState.Simulator.Plex;

/// <summary>What runs before every endpoint: request log, injected faults, protocol header, token check.</summary>
internal static class PlexPipeline
{
    public static async Task Faults(HttpContext ctx, PlexServer server, RequestDelegate next)
    {
        var request = ctx.Request;
        server.Record($"{request.Method} {request.Path}{request.QueryString}");
        var faults = server.Faults;
        if (faults.Down)
        {
            ctx.Abort();
            return;
        }

        if (faults.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(faults.Delay, server.TimeProvider, ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (faults.TryConsumeFailure())
        {
            ctx.Response.StatusCode = faults.FailStatus;
            return;
        }

        if (faults.Garbage)
        {
            ctx.Response.StatusCode = StatusCodes.Status200OK;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(faults.GarbageBody, ctx.RequestAborted);
            return;
        }

        await next(ctx);
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
}
