using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Auth;

namespace WatchState.Pages;

/// <summary>First run: create the admin. Once one exists the page only points at the login.</summary>
public sealed partial class SetupModel(AdminAccounts accounts, ILogger<SetupModel> logger) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await accounts.SetupNeededAsync(cancellationToken) ? Page() : RedirectToPage("/Login");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await accounts.SetupNeededAsync(cancellationToken))
        {
            return RedirectToPage("/Login");
        }

        Error = AdminAccounts.Problem(Username, Password);
        if (Error is null && !string.Equals(Password, Confirm, StringComparison.Ordinal))
        {
            Error = "the two passwords differ";
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Another browser may have finished the setup a moment ago: then this one logs in like anybody else.
        if (await accounts.CreateAsync(Username!, Password!, cancellationToken) is not { } admin)
        {
            return RedirectToPage("/Login");
        }

        LogCreated(logger, admin.User, HttpContext.Connection.RemoteIpAddress);
        await AdminSignIn.SignInAsync(HttpContext, admin);
        return LocalRedirect("/");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "admin {User} created from {Address} (web)")]
    private static partial void LogCreated(ILogger logger, string user, System.Net.IPAddress? address);
}
