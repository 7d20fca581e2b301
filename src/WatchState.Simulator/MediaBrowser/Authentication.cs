using System.Text.RegularExpressions;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// Token rules of each flavour. Jellyfin: <c>Authorization: MediaBrowser Token="…"</c> and <c>ApiKey=</c> always;
/// X-Emby-Token, X-MediaBrowser-Token, api_key, X-Emby-Authorization and the Emby scheme only with legacy
/// authorisation (off by default from 12.0). Emby: all of X-Emby-Token, X-MediaBrowser-Token, api_key, and
/// Authorization / X-Emby-Authorization with the Emby or MediaBrowser scheme.
/// </summary>
internal static partial class Authentication
{
    public static async Task Middleware(HttpContext ctx, SimServer server, RequestDelegate next)
    {
        if (ctx.GetEndpoint() is not { } endpoint)
        {
            await Http.Status(ctx, StatusCodes.Status404NotFound);
            return;
        }

        if (endpoint.Metadata.GetMetadata<AnonymousEndpoint>() is null)
        {
            var principal = Authenticate(ctx.Request, server);
            if (principal is null)
            {
                await Http.Status(ctx, StatusCodes.Status401Unauthorized);
                return;
            }

            ctx.SetPrincipal(principal);
        }

        await next(ctx);
    }

    public static Principal? Authenticate(HttpRequest request, SimServer server)
    {
        var token = FindToken(request, server);
        if (token is null)
        {
            return null;
        }

        if (string.Equals(token, server.ApiKey, StringComparison.Ordinal))
        {
            return new Principal(null);
        }

        return server.UserOfToken(token) is { } user ? new Principal(user) : null;
    }

    private static string? FindToken(HttpRequest request, SimServer server)
    {
        var emby = server.IsEmby;
        var legacy = emby || server.LegacyAuthorization;
        var token = SchemeToken(request.Headers.Authorization, allowEmbyScheme: legacy);
        if (legacy)
        {
            token ??= SchemeToken(request.Headers["X-Emby-Authorization"], allowEmbyScheme: true)
                ?? Header(request, "X-Emby-Token")
                ?? Header(request, "X-MediaBrowser-Token")
                ?? Query(request, "api_key");
        }

        return emby ? token : token ?? Query(request, "ApiKey");
    }

    private static string? SchemeToken(string? header, bool allowEmbyScheme)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var trimmed = header.TrimStart();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = trimmed[..space];
        var accepted = scheme.Equals("MediaBrowser", StringComparison.OrdinalIgnoreCase)
            || (allowEmbyScheme && scheme.Equals("Emby", StringComparison.OrdinalIgnoreCase));
        if (!accepted)
        {
            return null;
        }

        foreach (Match m in Parameter().Matches(trimmed[space..]))
        {
            if (m.Groups[1].Value.Equals("Token", StringComparison.OrdinalIgnoreCase) && m.Groups[2].Value.Length > 0)
            {
                return Uri.UnescapeDataString(m.Groups[2].Value);
            }
        }

        return null;
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers[name].FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static string? Query(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault(v => !string.IsNullOrEmpty(v));

    [GeneratedRegex("""(\w+)\s*=\s*"?([^",]*)"?""")]
    private static partial Regex Parameter();
}
