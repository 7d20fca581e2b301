namespace WatchState.Simulator.MediaBrowser;

/// <summary>First in the pipeline: records the request, then plays whatever <see cref="SimulatorFaults"/> asks for.</summary>
internal static class FaultInjection
{
    public static Task Middleware(HttpContext ctx, SimServer server, RequestDelegate next)
    {
        var request = ctx.Request;
        server.Record($"{request.Method} {request.PathBase}{request.Path}{request.QueryString}");

        // Rules name the API's paths; Emby's optional /emby base is not part of them.
        var path = request.Path;
        var rulePath = server.IsEmby && path.StartsWithSegments("/emby", StringComparison.OrdinalIgnoreCase, out var rest) ? rest.Value : path.Value;
        return FaultPlayer.RunAsync(ctx, server.Faults, server.TimeProvider, Http.Status, JsonBits.ContentType, next, rulePath);
    }
}
