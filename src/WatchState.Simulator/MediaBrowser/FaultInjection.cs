namespace WatchState.Simulator.MediaBrowser;

/// <summary>First in the pipeline: records the request, then plays whatever <see cref="SimulatorFaults"/> asks for.</summary>
internal static class FaultInjection
{
    public static Task Middleware(HttpContext ctx, SimServer server, RequestDelegate next)
    {
        var request = ctx.Request;
        server.Record($"{request.Method} {request.PathBase}{request.Path}{request.QueryString}");
        return FaultPlayer.RunAsync(ctx, server.Faults, server.TimeProvider, Http.Status, JsonBits.ContentType, next);
    }
}
