using Microsoft.AspNetCore.Antiforgery;

namespace WatchState.Auth;

/// <summary>
/// A browser sends the login cookie with any request, including one another site makes it send; so an unsafe
/// request (POST, PUT, PATCH, DELETE) that the cookie authenticates must also carry the antiforgery token
/// (<c>X-XSRF-TOKEN</c> header from <c>GET /v1/api/auth/csrf</c>, or a form's hidden field). Requests with the API
/// key, and anonymous endpoints (login, setup, webhook), need none: there the cookie grants nothing.
/// </summary>
internal sealed class CookieCsrfCheck(RequestDelegate next, IAntiforgery antiforgery, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (NeedsToken(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            await AuthProblems.WriteAsync(problems, context, StatusCodes.Status400BadRequest, "Missing antiforgery token",
                $"a request made with the login cookie must send the token from GET /v1/api/auth/csrf as the {AuthSchemes.AntiforgeryHeaderName} header");
            return;
        }

        await next(context);
    }

    private static bool NeedsToken(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return false;
        }

        return context.User.FindFirst(AuthSchemes.MethodClaim)?.Value == AuthSchemes.Cookie
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null;
    }
}
