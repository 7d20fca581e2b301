namespace WatchState.Auth;

/// <summary>
/// The authentication schemes. <see cref="Default"/> picks one per request: the API key when the request carries
/// one, else the login cookie.
/// </summary>
public static class AuthSchemes
{
    public const string Default = "WatchState";
    public const string Cookie = "Cookie";
    public const string ApiKey = "ApiKey";

    /// <summary>Claim saying how the user got in (<see cref="Cookie"/> or <see cref="ApiKey"/>).</summary>
    public const string MethodClaim = "ws:method";

    /// <summary>Claim tying a cookie to the password it was issued under; a password reset ends the session.</summary>
    public const string StampClaim = "ws:stamp";

    public const string CookieName = "ws.auth";
    public const string AntiforgeryCookieName = "ws.csrf";
    public const string AntiforgeryHeaderName = "X-XSRF-TOKEN";

    /// <summary>Where a browser is sent to log in (the UI's page); API paths get 401 instead.</summary>
    public const string LoginPath = "/login";

    /// <summary>Paths scripts and the UI call with fetch: never redirected, always answered with ProblemDetails.</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v1/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
}
