using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Storage;

namespace WatchState.Webhooks;

/// <summary>
/// <c>/v1/api/webhook</c>: one URL for every server and user. POST (PUT for Tautulli) stores the request in the
/// inbox and answers only after it is committed; GET says the endpoint is ready. Bodies over
/// <see cref="MaxBodyBytes"/> get 413; bodies we cannot read get 400 with the reason; never a 500.
/// </summary>
public static partial class WebhookEndpoints
{
    public const string Path = "/v1/api/webhook";

    /// <summary>Plex adds a JPEG thumbnail to some events; a megabyte leaves room for it.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        // Anonymous to the server's authentication: the webhook has its own API key check, which
        // WS_SECURE_API_ENDPOINTS=false turns off (media servers cannot log in).
        app.MapGet(Path, ReadyAsync).AllowAnonymous();
        app.MapMethods(Path, ["POST", "PUT"], ReceiveAsync).AllowAnonymous();
    }

    private static async Task<IResult> ReadyAsync(HttpRequest request, ApiKeyCheck apiKey) => await apiKey.AllowsAsync(request)
        ? TypedResults.Json(new WebhookReady("ready", "POST webhooks from Plex, Jellyfin or Emby here; PUT or POST from Tautulli"), WebhookJsonContext.Default.WebhookReady)
        : Unauthorized();

    private static async Task<IResult> ReceiveAsync(
        HttpContext context,
        ApiKeyCheck apiKey,
        WebhookParsers parsers,
        InboxStore inbox,
        WebhookSignal signal,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        var request = context.Request;
        var logger = loggers.CreateLogger(typeof(WebhookEndpoints));
        var cancellationToken = context.RequestAborted;
        if (!await apiKey.AllowsAsync(request))
        {
            return Unauthorized();
        }

        if (request.ContentLength > MaxBodyBytes || await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return TypedResults.Problem($"body larger than {MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }

        if (Live.LiveEventCodec.IsLive(request.ContentType))
        {
            // Stored live events are trusted as already parsed; a request must never pass for one.
            return TypedResults.Problem(
                $"content type {Live.LiveEventCodec.ContentType} is internal to watchstate",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unusable webhook");
        }

        var received = new WebhookRequest(request.ContentType ?? "", request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null, body);
        var receivedAt = clock.GetUtcNow();
        ParsedWebhook parsed;
        try
        {
            parsed = await parsers.ParseAsync(received, receivedAt, cancellationToken);
        }
        catch (WebhookParseException e)
        {
            LogRejected(logger, e.Message);
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Unusable webhook");
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // A body odd enough to trip something below the parsers is still the sender's problem, not a 500.
            LogRejected(logger, e.Message);
            return TypedResults.Problem($"unreadable body: {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Unusable webhook");
        }

        var id = await inbox.AddAsync(
            new NewInboxEntry(receivedAt, parsed.Source, parsed.Event, received.ContentType, received.UserAgent, body), cancellationToken);
        signal.Notify();
        return TypedResults.Json(new WebhookAccepted(id, parsed.Source, parsed.Event, parsed.Note), WebhookJsonContext.Default.WebhookAccepted);
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unauthorized() => TypedResults.Problem(
        $"missing or wrong API key: add ?{ApiKeyCheck.QueryName}=KEY to the URL (see: watchstate system:apikey)",
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Unauthorized");

    [LoggerMessage(Level = LogLevel.Information, Message = "webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}

/// <summary>The answer to an accepted webhook: its inbox id, and a note when it carries nothing to apply.</summary>
public sealed record WebhookAccepted(long Id, string Source, string Event, string? Note);

public sealed record WebhookReady(string Status, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookAccepted))]
[JsonSerializable(typeof(WebhookReady))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
