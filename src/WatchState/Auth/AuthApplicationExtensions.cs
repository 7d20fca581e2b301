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
        // ProblemDetails, like the errors the endpoints write themselves; a person browsing gets a page instead.
        app.UseStatusCodePages(new StatusCodePagesOptions
        {
            HandleAsync = async context =>
            {
                if (Web.HtmlErrorPages.WantsPage(context.HttpContext.Request))
                {
                    await Web.HtmlErrorPages.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode);
                    return;
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext }))
                {
                    await context.HttpContext.Response.WriteAsync($"Status code {context.HttpContext.Response.StatusCode}");
                }
            },
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<CookieCsrfCheck>();
        app.UseAntiforgery();
        app.UseRateLimiter();
        AuthEndpoints.Map(app);
        return app;
    }
}
