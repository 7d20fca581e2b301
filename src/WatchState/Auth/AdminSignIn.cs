using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace WatchState.Auth;

/// <summary>Issues the login cookie, for the API's login and setup and for the web pages alike.</summary>
internal static class AdminSignIn
{
    public static Task SignInAsync(HttpContext context, AdminAccount admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, admin.User),
                new Claim(ClaimTypes.NameIdentifier, admin.User),
                new Claim(AuthSchemes.MethodClaim, AuthSchemes.Cookie),
                new Claim(AuthSchemes.StampClaim, admin.Stamp),
            ],
            AuthSchemes.Cookie);
        return context.SignInAsync(AuthSchemes.Cookie, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }
}
