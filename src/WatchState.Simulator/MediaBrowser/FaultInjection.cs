namespace WatchState.Simulator.MediaBrowser;

/// <summary>First in the pipeline: records the request, then plays whatever <see cref="SimulatorFaults"/> asks for.</summary>
internal static class FaultInjection
{
    public static async Task Middleware(HttpContext ctx, SimServer server, RequestDelegate next)
    {
        var request = ctx.Request;
        server.Record($"{request.Method} {request.PathBase}{request.Path}{request.QueryString}");
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
            await Http.Status(ctx, faults.FailStatus);
            return;
        }

        if (faults.Garbage)
        {
            ctx.Response.StatusCode = StatusCodes.Status200OK;
            ctx.Response.ContentType = JsonBits.ContentType;
            await ctx.Response.WriteAsync(faults.GarbageBody, ctx.RequestAborted);
            return;
        }

        await next(ctx);
    }
}
