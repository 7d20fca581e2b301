using System.Text.Json;

namespace WatchState.Webhooks;

/// <summary>One sender's webhook format.</summary>
internal interface IWebhookParser
{
    /// <summary>The sender's kind, as stored in the inbox.</summary>
    string Source { get; }

    /// <summary>Turns the sender's JSON document into observations.</summary>
    /// <exception cref="WebhookParseException">The document is not a usable event of this sender.</exception>
    ParsedWebhook Parse(JsonElement root, DateTimeOffset receivedAt);
}
