using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Auth;

namespace WatchState.Pages;

/// <summary>The login form; the same checks and throttle as <c>POST /v1/api/auth/login</c>.</summary>
public sealed partial class LoginModel(AdminAccounts accounts, LoginThrottle throttle, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await accounts.SetupNeededAsync(cancellationToken))
        {
            return RedirectToPage("/Setup");
        }

        return User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.Blocked(address) is { } wait)
        {
            LoginThrottle.SetRetryAfter(Response, wait);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Error = $"Too many wrong passwords from this address. Try again in {LoginThrottle.RetrySeconds(wait)} seconds.";
            return Page();
        }

        if (await accounts.VerifyAsync(Username, Password, cancellationToken) is not { } admin)
        {
            throttle.RecordFailure(address);
            LogFailed(logger, address);
            if (await accounts.SetupNeededAsync(cancellationToken))
            {
                return RedirectToPage("/Setup");
            }

            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Error = "Wrong user name or password.";
            return Page();
        }

        await AdminSignIn.SignInAsync(HttpContext, admin);
        LogLoggedIn(logger, admin.User, address);
        return LocalRedirect(SafeReturnUrl());
    }

    // Only a path on this site: a crafted ?ReturnUrl=https://elsewhere must not turn the login into a redirector.
    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} logged in from {Address} (web)")]
    private static partial void LogLoggedIn(ILogger logger, string user, System.Net.IPAddress? address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "failed login from {Address} (web)")]
    private static partial void LogFailed(ILogger logger, System.Net.IPAddress? address);
}
