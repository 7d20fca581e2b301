namespace WatchState.Simulator;

/// <summary>Plays whatever <see cref="SimulatorFaults"/> asks for before a request reaches its endpoint.</summary>
internal static class FaultPlayer
{
    /// <param name="fail">Writes an injected failure status the way that kind of server would.</param>
    /// <param name="garbageContentType">The content type garbage pretends to have.</param>
    /// <param name="rulePath">The path rules are matched against (a server's optional base such as /emby removed); default the request's.</param>
    public static async Task RunAsync(
        HttpContext ctx,
        SimulatorFaults faults,
        TimeProvider time,
        Func<HttpContext, int, Task> fail,
        string garbageContentType,
        RequestDelegate next,
        string? rulePath = null)
    {
        if (faults.Down)
        {
            ctx.Abort();
            return;
        }

        if (faults.Delay > TimeSpan.Zero && !await DelayAsync(ctx, faults.Delay, time))
        {
            return;
        }

        var request = ctx.Request;
        var rule = faults.Take(
            request.Method,
            rulePath ?? request.Path.Value ?? "/",
            request.QueryString.Value ?? string.Empty,
            r => r.Kind != FaultKind.PageChanges || FaultBodies.PageStart(request) > 0);
        if (rule is not null)
        {
            await PlayAsync(ctx, rule, time, fail, next);
            return;
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

    private static async Task PlayAsync(HttpContext ctx, FaultRule rule, TimeProvider time, Func<HttpContext, int, Task> fail, RequestDelegate next)
    {
        switch (rule.Kind)
        {
            case FaultKind.Status:
                await fail(ctx, rule.StatusCode);
                break;
            case FaultKind.Delay:
                if (await DelayAsync(ctx, rule.Delay, time))
                {
                    await next(ctx);
                }

                break;
            case FaultKind.Hang:
                await HangAsync(ctx, time);
                break;
            case FaultKind.Reset:
                ctx.Abort();
                break;
            case FaultKind.XmlInsteadOfJson:
                ctx.Response.StatusCode = StatusCodes.Status200OK;
                ctx.Response.ContentType = "application/xml; charset=utf-8";
                await ctx.Response.WriteAsync(FaultBodies.Xml, ctx.RequestAborted);
                break;
            case FaultKind.TruncatedJson:
                await FaultBodies.RewriteAsync(ctx, next, FaultBodies.Truncate, 0);
                break;
            case FaultKind.InvalidJson:
                await FaultBodies.RewriteAsync(ctx, next, FaultBodies.Corrupt, 0);
                break;
            case FaultKind.WrongTotalCount:
                await FaultBodies.RewriteAsync(ctx, next, body => body, rule.Offset);
                break;
            case FaultKind.PageChanges:
                FaultBodies.ShiftPage(ctx.Request, rule.Offset);
                await FaultBodies.RewriteAsync(ctx, next, body => body, -rule.Offset);
                break;
            default:
                throw new InvalidOperationException($"unknown fault {rule.Kind}");
        }
    }

    /// <returns>False when the client went away meanwhile.</returns>
    private static async Task<bool> DelayAsync(HttpContext ctx, TimeSpan delay, TimeProvider time)
    {
        try
        {
            await Task.Delay(delay, time, ctx.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task HangAsync(HttpContext ctx, TimeProvider time)
    {
        // Until the client gives up; a stopping simulator ends the wait too, so its shutdown is not held up.
        var stopping = ctx.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, either.Token);
        }
        catch (OperationCanceledException)
        {
            ctx.Abort();
        }
    }
}
