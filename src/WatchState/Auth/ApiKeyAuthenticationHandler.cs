using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WatchState.Webhooks;

namespace WatchState.Auth;

/// <summary>
/// Scripts authenticate with the API key (<c>X-Apikey</c> header or <c>?apikey=</c>), the same key the webhook URL
/// carries and <c>system:apikey</c> shows. Unlike the webhook's own check this ignores
/// <c>WS_SECURE_API_ENDPOINTS</c>: that setting opens the webhook, never the rest of the API.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCheck keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string UserName = "apikey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyCheck.Presented(Request) is not { } given)
        {
            return AuthenticateResult.NoResult();
        }

        if (!await keys.MatchesAsync(given, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("wrong API key");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, UserName), new Claim(ClaimTypes.NameIdentifier, UserName), new Claim(AuthSchemes.MethodClaim, AuthSchemes.ApiKey)],
            AuthSchemes.ApiKey);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(problems, Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            $"wrong API key: send the key shown by 'watchstate system:apikey' as the {ApiKeyCheck.HeaderName} header or ?{ApiKeyCheck.QueryName}=");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(problems, Context, StatusCodes.Status403Forbidden, "Forbidden", "the API key may not do this");
}
