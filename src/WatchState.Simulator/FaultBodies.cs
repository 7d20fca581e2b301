using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace WatchState.Simulator;

/// <summary>Answers that are the real one, damaged: the endpoint writes into a buffer, the damage is done on the way out.</summary>
internal static class FaultBodies
{
    public const string Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer size=\"0\"></MediaContainer>\n";

    private const string PlexTotalHeader = "X-Plex-Container-Total-Size";
    private static readonly string[] StartNames = ["StartIndex", "X-Plex-Container-Start"];

    public static byte[] Truncate(byte[] body) => body[..(body.Length / 2)];

    /// <summary>A stray bare word right after the first brace: still looks like JSON, never parses.</summary>
    public static byte[] Corrupt(byte[] body)
    {
        var brace = Array.IndexOf(body, (byte)'{');
        var garbage = "oops,"u8.ToArray();
        return brace < 0 ? [.. "{"u8, .. garbage, .. body] : [.. body[..(brace + 1)], .. garbage, .. body[(brace + 1)..]];
    }

    /// <summary>The page's start offset (MediaBrowser's StartIndex or Plex's container start, query or header), or 0.</summary>
    public static int PageStart(HttpRequest request)
    {
        foreach (var name in StartNames)
        {
            var text = request.Query[name].FirstOrDefault() ?? request.Headers[name].FirstOrDefault();
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
            {
                return start;
            }
        }

        return 0;
    }

    /// <summary>Moves the requested page by <paramref name="offset"/> items, as a removal before it would.</summary>
    public static void ShiftPage(HttpRequest request, int offset)
    {
        var query = QueryHelpers(request.Query);
        foreach (var name in StartNames)
        {
            var key = query.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (key is not null)
            {
                query[key] = Shifted(query[key], offset);
            }

            if (request.Headers.TryGetValue(name, out var header))
            {
                request.Headers[name] = Shifted(header, offset);
            }
        }

        request.QueryString = QueryString.Create(query);
    }

    /// <summary>Runs the endpoint into a buffer, then sends <paramref name="damage"/>d body with its totals moved by <paramref name="totalDelta"/>.</summary>
    public static async Task RewriteAsync(HttpContext ctx, RequestDelegate next, Func<byte[], byte[]> damage, int totalDelta)
    {
        var response = ctx.Response;
        var original = ctx.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var buffered = new StreamResponseBodyFeature(buffer, original);
        ctx.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(ctx);
            await buffered.CompleteAsync();
        }
        finally
        {
            ctx.Features.Set(original);
        }

        var body = buffer.ToArray();
        if (totalDelta != 0)
        {
            body = MoveTotals(body, totalDelta);
            if (response.Headers.TryGetValue(PlexTotalHeader, out var total)
                && int.TryParse(total, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                response.Headers[PlexTotalHeader] = (value + totalDelta).ToString(CultureInfo.InvariantCulture);
            }
        }

        body = damage(body);
        response.ContentLength = body.Length;
        await original.Stream.WriteAsync(body, ctx.RequestAborted);
    }

    private static byte[] MoveTotals(byte[] body, int delta)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }

        var moved = Move(root as JsonObject, "TotalRecordCount", delta) | Move(root?["MediaContainer"] as JsonObject, "totalSize", delta);
        return moved ? Encoding.UTF8.GetBytes(root!.ToJsonString()) : body;
    }

    private static bool Move(JsonObject? container, string name, int delta)
    {
        if (container?[name] is JsonValue value && value.TryGetValue<int>(out var total))
        {
            container[name] = total + delta;
            return true;
        }

        return false;
    }

    private static string Shifted(StringValues value, int offset) =>
        int.TryParse(value.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            ? Math.Max(0, start + offset).ToString(CultureInfo.InvariantCulture)
            : value.ToString();

    private static Dictionary<string, StringValues> QueryHelpers(IQueryCollection query) =>
        query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
