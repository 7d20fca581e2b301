using WatchState.Configuration;

namespace WatchState.Auth;

public static class AuthApplicationExtensions
{
    /// <summary>
    /// The authentication middleware, in order, and the <c>/v1/api/auth</c> endpoints. Call right after
    /// <c>builder.Build()</c>, before other middleware, so forwarded addresses and security headers apply to all.
    /// </summary>
    public static WebApplication MapAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<AppSettings>().TrustProxy)
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();

        // An error answered without a body (a request body that does not bind, an unknown method) still gets
        // ProblemDetails, like the errors the endpoints write themselves.
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<CookieCsrfCheck>();
        app.UseAntiforgery();
        app.UseRateLimiter();
        AuthEndpoints.Map(app);
        return app;
    }
}
