using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace WatchState.Auth;

/// <summary>
/// The login cookie's behaviour: API and script requests get a 401/403 ProblemDetails, never a redirect; only a
/// browser asking for a page is sent to <see cref="AuthSchemes.LoginPath"/>. A cookie issued before the last
/// password change (or for an admin that no longer exists) is refused.
/// </summary>
internal sealed class AdminCookieEvents(AdminAccounts accounts, IProblemDetailsService problems) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var admin = await accounts.CurrentAsync(context.HttpContext.RequestAborted);
        var stamp = context.Principal?.FindFirst(AuthSchemes.StampClaim)?.Value;
        if (admin is null || stamp is null || !string.Equals(admin.Stamp, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WantsPage(context.Request)
            ? base.RedirectToLogin(context)
            : AuthProblems.WriteAsync(problems, context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
                "log in (POST /v1/api/auth/login) or send the API key as the X-Apikey header or ?apikey=");
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AuthProblems.WriteAsync(problems, context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "not allowed");
    }

    /// <summary>A browser navigating to a page (not the login page itself, which would loop).</summary>
    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !AuthSchemes.IsApiPath(request.Path)
        && !request.Path.StartsWithSegments(AuthSchemes.LoginPath, StringComparison.OrdinalIgnoreCase)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
