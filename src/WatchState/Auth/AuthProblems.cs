using Microsoft.AspNetCore.Mvc;

namespace WatchState.Auth;

/// <summary>ProblemDetails written from middleware and authentication events, where there is no endpoint result to return.</summary>
internal static class AuthProblems
{
    public static async Task WriteAsync(IProblemDetailsService problems, HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
        if (!written)
        {
            // The client accepts no JSON; the status code alone still says it all.
            context.Response.ContentLength = 0;
        }
    }
}
