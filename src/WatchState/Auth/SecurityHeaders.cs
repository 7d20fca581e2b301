namespace WatchState.Auth;

/// <summary>
/// Headers on every response that keep browsers from sniffing types, framing our pages, leaking URLs (which may
/// carry <c>?apikey=</c>) in the Referer, or loading scripts from elsewhere. A page that needs a different
/// Content-Security-Policy sets its own; these are only added when missing.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Referrer-Policy", "no-referrer");
            headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
            return Task.CompletedTask;
        });
        return next(context);
    });
}
