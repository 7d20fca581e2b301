using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WatchState.Auth;

/// <summary>
/// <c>/v1/api/auth</c>: first-run setup, login and logout with the cookie, who am I, and the antiforgery token.
/// Only <c>status</c>, <c>setup</c> and <c>login</c> are anonymous; everything else follows the fallback policy.
/// </summary>
internal static partial class AuthEndpoints
{
    public const string Prefix = "/v1/api/auth";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("auth");
        group.MapGet("/status", StatusAsync).AllowAnonymous();
        group.MapPost("/setup", SetupAsync).AllowAnonymous().RequireRateLimiting(LoginThrottle.PolicyName);
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginThrottle.PolicyName);
        group.MapPost("/logout", LogoutAsync);
        group.MapGet("/me", MeAsync);
        group.MapGet("/csrf", Csrf);
    }

    private static async Task<Ok<AuthStatus>> StatusAsync(HttpContext context, AdminAccounts accounts) =>
        TypedResults.Ok(new AuthStatus(await accounts.SetupNeededAsync(context.RequestAborted), context.User.Identity?.IsAuthenticated == true));

    private static async Task<Results<Created<AuthMe>, ProblemHttpResult>> SetupAsync(
        LoginRequest body, HttpContext context, AdminAccounts accounts, ILoggerFactory loggers)
    {
        if (AdminAccounts.Problem(body.Username, body.Password) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Unusable user name or password");
        }

        if (await accounts.CreateAsync(body.Username!, body.Password!, context.RequestAborted) is not { } admin)
        {
            return TypedResults.Problem("an admin exists already: log in, or reset it with watchstate system:admin",
                statusCode: StatusCodes.Status409Conflict, title: "Setup already done");
        }

        var logger = loggers.CreateLogger(typeof(AuthEndpoints));
        LogCreated(logger, admin.User, context.Connection.RemoteIpAddress);
        await AdminSignIn.SignInAsync(context, admin);
        return TypedResults.Created($"{Prefix}/me", new AuthMe(admin.User, AuthSchemes.Cookie.ToLowerInvariant(), SetupNeeded: false));
    }

    private static async Task<Results<Ok<AuthMe>, ProblemHttpResult>> LoginAsync(
        LoginRequest body, HttpContext context, AdminAccounts accounts, LoginThrottle throttle, ILoggerFactory loggers)
    {
        var address = context.Connection.RemoteIpAddress;
        var logger = loggers.CreateLogger(typeof(AuthEndpoints));
        if (throttle.Blocked(address) is { } wait)
        {
            LogThrottled(logger, address);
            LoginThrottle.SetRetryAfter(context.Response, wait);
            return TypedResults.Problem($"too many wrong passwords from this address: try again in {LoginThrottle.RetrySeconds(wait)} seconds",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many login attempts");
        }

        if (await accounts.VerifyAsync(body.Username, body.Password, context.RequestAborted) is not { } admin)
        {
            throttle.RecordFailure(address);
            LogFailed(logger, address);
            var detail = await accounts.SetupNeededAsync(context.RequestAborted)
                ? "there is no admin yet: create one with POST /v1/api/auth/setup or watchstate system:admin"
                : "wrong user name or password";
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Login failed");
        }

        await AdminSignIn.SignInAsync(context, admin);
        LogLoggedIn(logger, admin.User, address);
        return TypedResults.Ok(new AuthMe(admin.User, AuthSchemes.Cookie.ToLowerInvariant(), SetupNeeded: false));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context, ILoggerFactory loggers)
    {
        await context.SignOutAsync(AuthSchemes.Cookie);
        var logger = loggers.CreateLogger(typeof(AuthEndpoints));
        var user = context.User.Identity?.Name;
        LogLoggedOut(logger, user);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AuthMe>> MeAsync(HttpContext context, AdminAccounts accounts) => TypedResults.Ok(new AuthMe(
        context.User.Identity?.Name ?? "",
        context.User.FindFirst(AuthSchemes.MethodClaim)?.Value.ToLowerInvariant() ?? "",
        await accounts.SetupNeededAsync(context.RequestAborted)));

    private static Ok<CsrfToken> Csrf(HttpContext context, IAntiforgery antiforgery) =>
        TypedResults.Ok(new CsrfToken(AuthSchemes.AntiforgeryHeaderName, antiforgery.GetAndStoreTokens(context).RequestToken ?? ""));

    [LoggerMessage(Level = LogLevel.Information, Message = "admin {User} created from {Address}")]
    private static partial void LogCreated(ILogger logger, string user, System.Net.IPAddress? address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} logged in from {Address}")]
    private static partial void LogLoggedIn(ILogger logger, string user, System.Net.IPAddress? address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} logged out")]
    private static partial void LogLoggedOut(ILogger logger, string? user);

    // Not the user name typed: people paste a password into the wrong field.
    [LoggerMessage(Level = LogLevel.Warning, Message = "failed login from {Address}")]
    private static partial void LogFailed(ILogger logger, System.Net.IPAddress? address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "login refused from {Address}: too many wrong passwords")]
    private static partial void LogThrottled(ILogger logger, System.Net.IPAddress? address);
}
