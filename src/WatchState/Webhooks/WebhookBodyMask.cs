using System.Text.Encodings.Web;
using System.Text.Json;
using WatchState.Backends.Http;

namespace WatchState.Webhooks;

/// <summary>
/// A stored webhook body made fit to show: indented, with the values of credential-like fields (tokens, API keys,
/// passwords) hidden and credentials in URLs redacted, so a screenshot of an event shares nothing secret.
/// </summary>
internal static class WebhookBodyMask
{
    public const string Hidden = "••••";

    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] SecretParts = ["token", "apikey", "api_key", "password", "secret", "pin", "authorization"];

    /// <summary>The JSON indented and masked; text that is not JSON is only URL-redacted.</summary>
    public static string Mask(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Pretty))
            {
                Write(writer, document.RootElement);
            }

            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
        catch (JsonException)
        {
            return UrlRedactor.Redact(json);
        }
    }

    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return Array.Exists(SecretParts, part => part == "pin" ? lower == "pin" : lower.Contains(part, StringComparison.Ordinal));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (IsSecretName(property.Name) && property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
                    {
                        writer.WriteStringValue(Hidden);
                    }
                    else
                    {
                        Write(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                writer.WriteStringValue(text.Contains('?', StringComparison.Ordinal) ? UrlRedactor.Redact(text) : text);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
