namespace WatchState.Simulator;

/// <summary>Plays whatever <see cref="SimulatorFaults"/> asks for before a request reaches its endpoint.</summary>
internal static class FaultPlayer
{
    /// <param name="fail">Writes an injected failure status the way that kind of server would.</param>
    /// <param name="garbageContentType">The content type garbage pretends to have.</param>
    public static async Task RunAsync(
        HttpContext ctx,
        SimulatorFaults faults,
        TimeProvider time,
        Func<HttpContext, int, Task> fail,
        string garbageContentType,
        RequestDelegate next)
    {
        if (faults.Down)
        {
            ctx.Abort();
            return;
        }

        if (faults.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(faults.Delay, time, ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (faults.TryConsumeFailure())
        {
            await fail(ctx, faults.FailStatus);
            return;
        }

        if (faults.Garbage)
        {
            ctx.Response.StatusCode = StatusCodes.Status200OK;
            ctx.Response.ContentType = garbageContentType;
            await ctx.Response.WriteAsync(faults.GarbageBody, ctx.RequestAborted);
            return;
        }

        await next(ctx);
    }
}
