using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WatchState.Webhooks;

/// <summary>The JSON text of a webhook: the body itself, or the form field Plex (<c>payload</c>) or Emby (<c>data</c>) puts it in.</summary>
/// <param name="Json">The JSON text.</param>
/// <param name="FormField">The multipart field it came from; null for a plain body.</param>
internal sealed record WebhookBody(string Json, string? FormField)
{
    public const string PlexField = "payload";
    public const string EmbyField = "data";

    /// <exception cref="WebhookParseException">A multipart body without either field, or a body that is not text.</exception>
    public static async Task<WebhookBody> ReadAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.IsEmpty)
        {
            throw new WebhookParseException("empty body");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new WebhookBody(Decode(request.Body.Span), null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new WebhookParseException("multipart body without a usable boundary");
        }

        using var stream = new MemoryStream(request.Body.ToArray(), writable: false);
        var reader = new MultipartReader(boundary, stream) { HeadersCountLimit = 32, HeadersLengthLimit = 16 * 1024 };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var name = section.GetContentDispositionHeader()?.Name.Value?.Trim('"');
                if (name is PlexField or EmbyField)
                {
                    using var text = new StreamReader(section.Body, Encoding.UTF8);
                    return new WebhookBody(await text.ReadToEndAsync(cancellationToken), name);
                }
            }
        }
        catch (IOException e)
        {
            throw new WebhookParseException($"unreadable multipart body: {e.Message}", e);
        }

        throw new WebhookParseException($"multipart body without a '{PlexField}' (Plex) or '{EmbyField}' (Emby) field");
    }

    private static string Decode(ReadOnlySpan<byte> body)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            var text = utf8.GetString(body);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new WebhookParseException("body is not UTF-8 text", e);
        }
    }
}
