using System.Text.Json;
using WatchState.Webhooks.Emby;
using WatchState.Webhooks.Jellyfin;
using WatchState.Webhooks.Plex;
using WatchState.Webhooks.Tautulli;

namespace WatchState.Webhooks;

/// <summary>Recognises the sender of a webhook (form field, User-Agent, body shape) and hands it to that sender's parser.</summary>
public sealed class WebhookParsers
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowTrailingCommas = true };

    private readonly IWebhookParser _plex = new PlexWebhookParser();
    private readonly IWebhookParser _tautulli = new TautulliWebhookParser();
    private readonly IWebhookParser _jellyfin = new JellyfinWebhookParser();
    private readonly IWebhookParser _emby = new EmbyWebhookParser();

    /// <summary>
    /// Parses an inbox row: a webhook as received, or a live event (stored already parsed, under a content type
    /// the webhook endpoint never stores).
    /// </summary>
    /// <exception cref="WebhookParseException">Not a webhook or live event we understand; the message says why.</exception>
    public Task<ParsedWebhook> ParseStoredAsync(WebhookRequest request, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Live.LiveEventCodec.IsLive(request.ContentType)
            ? Task.FromResult(Live.LiveEventCodec.Decode(request.Body.Span))
            : ParseAsync(request, receivedAt, cancellationToken);
    }

    /// <summary>Parses a webhook as received from a server.</summary>
    /// <exception cref="WebhookParseException">Not a webhook we understand; the message says why.</exception>
    public async Task<ParsedWebhook> ParseAsync(WebhookRequest request, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await WebhookBody.ReadAsync(request, cancellationToken);
        var agent = request.UserAgent ?? "";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var hint = agent.StartsWith("Jellyfin-Server", StringComparison.OrdinalIgnoreCase)
                ? " (Jellyfin: a custom template renders invalid JSON; clear the template and turn on 'Send All Properties')"
                : "";
            throw new WebhookParseException($"body is not valid JSON: {e.Message}{hint}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookParseException("body is not a JSON object");
            }

            return Choose(body, agent, root).Parse(root, receivedAt);
        }
    }

    private IWebhookParser Choose(WebhookBody body, string agent, JsonElement root)
    {
        if (body.FormField == WebhookBody.PlexField)
        {
            return _plex;
        }

        if (body.FormField == WebhookBody.EmbyField)
        {
            return _emby;
        }

        var lowerEvent = JsonFields.String(root, "event");
        if (agent.StartsWith("Tautulli", StringComparison.OrdinalIgnoreCase)
            || (lowerEvent?.StartsWith("tautulli.", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return _tautulli;
        }

        if (agent.StartsWith("PlexMediaServer", StringComparison.OrdinalIgnoreCase))
        {
            return _plex;
        }

        if (agent.StartsWith("Jellyfin-Server", StringComparison.OrdinalIgnoreCase) || root.TryGetProperty("NotificationType", out _))
        {
            return _jellyfin;
        }

        if (root.TryGetProperty("Event", out _) && JsonFields.Object(root, "Server") is { } server && JsonFields.String(server, "Version") is not null)
        {
            return _emby;
        }

        if (lowerEvent is not null && root.TryGetProperty("Server", out _) && root.TryGetProperty("Account", out _))
        {
            return _plex;
        }

        throw new WebhookParseException(
            "unknown webhook sender: expected Plex (multipart 'payload'), Tautulli (User-Agent Tautulli/…), "
            + "Jellyfin (Webhook plugin, 'Send All Properties') or Emby (JSON or multipart 'data')");
    }
}
