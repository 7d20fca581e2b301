using System.Globalization;

namespace WatchState.Simulator.Plex;

/// <summary>Request parsing and the small fixed answers PMS gives.</summary>
internal static class PlexHttp
{
    public const string Unauthorized = "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>";
    public const string NotFound = "<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>";
    public const string BadRequest = "<html><head><title>Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>";

    private static readonly object UserKey = new();

    public static string User(this HttpContext ctx) => (string)ctx.Items[UserKey]!;

    public static void SetUser(this HttpContext ctx, string user) => ctx.Items[UserKey] = user;

    /// <summary>PMS answers JSON only to clients that ask for it; everyone else gets XML.</summary>
    public static bool WantsJson(this HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Any X-Plex-* value may come as a header or as a query parameter; the header wins.</summary>
    public static string? PlexValue(this HttpRequest request, string name)
    {
        var header = request.Headers[name];
        if (header.Count > 0 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        var query = request.Query[name];
        return query.Count > 0 ? query[0] : null;
    }

    public static int? IntValue(this HttpRequest request, string name) =>
        int.TryParse(request.PlexValue(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static long? LongQuery(this HttpRequest request, string name) =>
        long.TryParse(request.Query[name].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static Task Html(HttpContext ctx, int status, string body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html";
        return HttpMethods.IsHead(ctx.Request.Method) ? Task.CompletedTask : ctx.Response.WriteAsync(body, ctx.RequestAborted);
    }
}
