using Microsoft.AspNetCore.Http.Features;
using WatchState.Webhooks;

namespace WatchState.Api;

/// <summary>
/// Refuses request bodies over <see cref="MaxBytes"/> with 413 before anything reads them: API calls and UI forms are
/// a few kilobytes, and Kestrel's own limit (30 MB) would let any caller, logged in or not, make the server buffer
/// far more. The webhook keeps its own check (same size) and its own answer.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IProblemDetailsService problems)
{
    public const long MaxBytes = WebhookEndpoints.MaxBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(WebhookEndpoints.Path, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "Payload too large", Detail = $"body larger than {MaxBytes} bytes" },
            });
            return;
        }

        // A body without a length (chunked) is cut off by the server at the same size: reading past it throws a 413.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        await next(context);
    }
}
