using Microsoft.Extensions.FileProviders;

namespace WatchState.Web;

/// <summary>
/// The web UI: Razor Pages under <c>Pages/</c> rendered on the server, htmx for partial updates, and the static
/// files of <c>wwwroot/</c> embedded in the assembly so a single published file (or the container) serves them.
/// </summary>
internal static class WebUiExtensions
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            // Every other page follows the fallback policy: a browser without the login cookie is sent to /login.
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/Setup");
        });
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<ItemWrites>();
        services.AddSingleton<Logging.LogFiles>();
        services.AddExceptionHandler<HtmlPageExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Before authentication: the stylesheet and scripts are public (the login page needs them before anyone has
    /// logged in), and the fallback policy would otherwise guard them too.
    /// </summary>
    public static WebApplication UseWebUiStaticFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebUiExtensions).Assembly, "WatchState.wwwroot"),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "public, max-age=3600";
                headers.XContentTypeOptions = "nosniff";
            },
        });
        return app;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        return app;
    }
}
