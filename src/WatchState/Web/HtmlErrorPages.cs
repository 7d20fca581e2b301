using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using WatchState.Auth;

namespace WatchState.Web;

/// <summary>
/// A person who follows a dead link or meets a failure sees a page with the app's look and a way back; scripts and
/// the API keep getting ProblemDetails. The page is plain HTML written here, so it renders even when the failure was
/// in the page machinery itself.
/// </summary>
internal static class HtmlErrorPages
{
    /// <summary>A browser navigating to a page, not a script or an htmx request (those show the ProblemDetails as a message).</summary>
    public static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !AuthSchemes.IsApiPath(request.Path)
        && !request.Headers.ContainsKey("HX-Request")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (title, text) = status switch
        {
            StatusCodes.Status404NotFound => ("Page not found", "There is nothing at this address. It may have been removed, or the link is mistyped."),
            StatusCodes.Status403Forbidden => ("Not allowed", "Your login does not allow this page."),
            >= 500 => ("Something went wrong", "The server could not show this page. The details are in the log (Logs page, or data/logs on the server)."),
            _ => ("This request could not be handled", $"The server answered {status}."),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{WebUtility.HtmlEncode(title)} · WatchState</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/css/app.css">
                <script src="/js/theme.js"></script>
            </head>
            <body>
            <header class="topbar"><a class="brand" href="/"><span class="brand-mark" aria-hidden="true">◉</span> WatchState</a></header>
            <main class="container">
                <div class="card empty" data-testid="error-page">
                    <strong>{WebUtility.HtmlEncode(title)}</strong>
                    <p>{WebUtility.HtmlEncode(text)}</p>
                    <a class="button primary" href="/">Back to the dashboard</a>
                </div>
            </main>
            </body>
            </html>
            """, context.RequestAborted);
    }
}

/// <summary>An unexpected failure while rendering a page: the error page instead of a JSON ProblemDetails.</summary>
internal sealed class HtmlPageExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is BadHttpRequestException || !HtmlErrorPages.WantsPage(httpContext.Request))
        {
            return false;
        }

        await HtmlErrorPages.WriteAsync(httpContext, StatusCodes.Status500InternalServerError);
        return true;
    }
}
