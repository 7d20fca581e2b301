using System.Text;
using System.Text.Json.Nodes;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>One malformed webhook: what kind, the request, and the raw Content-Type header when it is not a valid one.</summary>
/// <param name="MustReject">True when no reading of the body can parse it: it must get a 4xx.</param>
internal sealed record MalformedWebhook(string Kind, WebhookRequest Request, string? RawContentType, bool MustReject);

/// <summary>
/// Generates malformed webhooks from the real fixture bodies, deterministically from a seed: cut short, random
/// bytes, flipped bytes, wrong JSON types, huge numbers, deep nesting, wrong or broken content types, empty or
/// field-less multipart, not UTF-8. Bodies that stay valid JSON (wrong types, huge numbers) may still be usable.
/// </summary>
internal static class MalformedWebhooks
{
    private static readonly string[] Seeds =
    [
        "plex/webhook-media.scrobble.json",
        "plex/webhook-media.stop.json",
        "emby/webhook-item.markplayed.json",
        "emby/webhook-playback.stop.json",
        "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json",
        "jellyfin-webhook-real/raw/12-PlaybackStop-admin-s01e03-stop-150s.json",
        "tautulli/webhook-tautulli.stop.json",
    ];

    private static readonly string?[] Agents = [null, WebhookSamples.PlexAgent, WebhookSamples.TautulliAgent, WebhookSamples.JellyfinAgent];

    public static IEnumerable<MalformedWebhook> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var seeds = Seeds.Select(Fixtures.Read).ToArray();
        var kinds = new Func<Random, string, MalformedWebhook>[]
        {
            Truncated, RandomBytes, WrongTypes, HugeNumbers, DeepNesting, WrongContentType, EmptyMultipart, FieldlessMultipart,
            BrokenMultipart, NotUtf8, Empty, TopLevelNotObject, TruncatedMultipart,
        };
        for (var i = 0; i < count; i++)
        {
            yield return kinds[i % kinds.Length](random, seeds[random.Next(seeds.Length)]);
        }
    }

    private static string? Agent(Random random) => Agents[random.Next(Agents.Length)];

    private static WebhookRequest Json(Random random, byte[] body) => new(WebhookSamples.JsonType, Agent(random), body);

    private static MalformedWebhook Truncated(Random random, string seed)
    {
        // Cut somewhere before the closing brace, so the JSON can never be complete.
        var bytes = Encoding.UTF8.GetBytes(seed.TrimEnd());
        return new("truncated", Json(random, bytes[..random.Next(0, bytes.Length - 1)]), null, true);
    }

    private static MalformedWebhook RandomBytes(Random random, string seed)
    {
        var bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        bytes[0] = (byte)random.Next(0x80, 0x100);
        return new("random bytes", Json(random, bytes), null, true);
    }

    private static MalformedWebhook WrongTypes(Random random, string seed)
    {
        var node = JsonNode.Parse(seed)!.AsObject();
        JsonNode?[] odd = [null, "text", 12, true, new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, -1, 1.5, ""];
        foreach (var path in Paths(node).OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToList())
        {
            Set(node, path, odd[random.Next(odd.Length)]?.DeepClone());
        }

        return new("wrong types", Json(random, Encoding.UTF8.GetBytes(node.ToJsonString())), null, false);
    }

    private static MalformedWebhook HugeNumbers(Random random, string seed)
    {
        var node = JsonNode.Parse(seed)!.AsObject();
        string[] huge = ["1e400", "-1e400", "99999999999999999999999999999999", "-9223372036854775809", "18446744073709551616", "1.7976931348623157e309", "123456789012345678901234567890.5"];
        foreach (var path in Paths(node).OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToList())
        {
            // A placeholder replaced as text: JsonNode cannot hold numbers outside double range.
            Set(node, path, "__HUGE__");
        }

        var text = node.ToJsonString();
        for (var at = text.IndexOf("\"__HUGE__\"", StringComparison.Ordinal); at >= 0; at = text.IndexOf("\"__HUGE__\"", StringComparison.Ordinal))
        {
            text = string.Concat(text.AsSpan(0, at), huge[random.Next(huge.Length)], text.AsSpan(at + "\"__HUGE__\"".Length));
        }

        return new("huge numbers", Json(random, Encoding.UTF8.GetBytes(text)), null, false);
    }

    private static MalformedWebhook DeepNesting(Random random, string seed)
    {
        var depth = random.Next(100, 20_000);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var text = "{\"event\":\"media.scrobble\",\"Metadata\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}";
        return new("deep nesting", Json(random, Encoding.UTF8.GetBytes(text)), null, true);
    }

    private static MalformedWebhook WrongContentType(Random random, string seed)
    {
        // A binary body under a made-up or broken content type: nothing in it is text.
        var bytes = new byte[random.Next(16, 2048)];
        random.NextBytes(bytes);
        bytes[0] = 0xFF;
        string[] types = ["image/png", "application/octet-stream", "application/x-www-form-urlencoded", "text/html; charset=utf-32", "multipart/form-data", "multipart/form-data; boundary=", "nonsense", "application/json; charset=\"", ";;;"];
        return new("wrong content type", new WebhookRequest("application/octet-stream", Agent(random), bytes), types[random.Next(types.Length)], true);
    }

    private static MalformedWebhook EmptyMultipart(Random random, string seed) =>
        new("empty multipart", new WebhookRequest($"multipart/form-data; boundary={WebhookSamples.Boundary}", Agent(random), Encoding.ASCII.GetBytes($"--{WebhookSamples.Boundary}--\r\n")), null, true);

    private static MalformedWebhook FieldlessMultipart(Random random, string seed)
    {
        var field = random.Next(3) switch { 0 => "thumb", 1 => "Payload", _ => "json" };
        var request = WebhookSamples.MultipartOf(seed, field, Agent(random), withImage: random.Next(2) == 0);
        return new("multipart without payload/data", request, null, true);
    }

    private static MalformedWebhook BrokenMultipart(Random random, string seed)
    {
        // The right field, but the JSON in it is cut short.
        var cut = seed.TrimEnd()[..random.Next(0, seed.TrimEnd().Length - 1)];
        var request = WebhookSamples.MultipartOf(cut, random.Next(2) == 0 ? WebhookBody.PlexField : WebhookBody.EmbyField, Agent(random), withImage: true);
        return new("multipart with broken JSON", request, null, true);
    }

    private static MalformedWebhook TruncatedMultipart(Random random, string seed)
    {
        var whole = WebhookSamples.MultipartOf(seed, WebhookBody.PlexField, WebhookSamples.PlexAgent, withImage: true);
        var body = whole.Body.ToArray();

        // Cut inside the payload part: its closing boundary never comes.
        var payloadStart = Encoding.ASCII.GetString(body).IndexOf("name=\"payload\"", StringComparison.Ordinal);
        return new("multipart cut short", whole with { Body = body.AsMemory(0, random.Next(0, payloadStart + 60)) }, null, true);
    }

    private static MalformedWebhook NotUtf8(Random random, string seed)
    {
        var bytes = Encoding.UTF8.GetBytes(seed);
        var at = random.Next(bytes.Length);
        bytes[at] = 0xC3;
        if (at + 1 < bytes.Length)
        {
            bytes[at + 1] = 0x28;
        }

        return new("not UTF-8", Json(random, bytes), null, true);
    }

    private static MalformedWebhook Empty(Random random, string seed) =>
        new("empty body", Json(random, random.Next(2) == 0 ? [] : "   \r\n"u8.ToArray()), null, true);

    private static MalformedWebhook TopLevelNotObject(Random random, string seed)
    {
        string[] bodies = ["[]", "null", "42", "\"text\"", "true", "[" + seed + "]", "{}", "{\"event\":null}"];
        return new("not an object", Json(random, Encoding.UTF8.GetBytes(bodies[random.Next(bodies.Length)])), null, true);
    }

    /// <summary>Every property path in the object, as lists of names and indexes.</summary>
    private static List<object[]> Paths(JsonNode node, object[]? prefix = null)
    {
        prefix ??= [];
        var paths = new List<object[]>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    object[] path = [.. prefix, name];
                    paths.Add(path);
                    if (child is not null)
                    {
                        paths.AddRange(Paths(child, path));
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    object[] path = [.. prefix, i];
                    paths.Add(path);
                    if (a[i] is { } child)
                    {
                        paths.AddRange(Paths(child, path));
                    }
                }

                break;
        }

        return paths;
    }

    /// <summary>Sets the value at a path; a path under a value replaced earlier is left alone.</summary>
    private static void Set(JsonNode root, object[] path, JsonNode? value)
    {
        JsonNode? parent = root;
        foreach (var step in path[..^1])
        {
            parent = (parent, step) switch
            {
                (JsonArray a, int index) when index < a.Count => a[index],
                (JsonObject o, string name) => o[name],
                _ => null,
            };
        }

        switch (parent, path[^1])
        {
            case (JsonArray a, int last) when last < a.Count:
                a[last] = value;
                break;
            case (JsonObject o, string name) when o.ContainsKey(name):
                o[name] = value;
                break;
        }
    }
}
