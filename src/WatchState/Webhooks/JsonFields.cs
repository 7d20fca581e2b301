using System.Globalization;
using System.Text.Json;

namespace WatchState.Webhooks;

/// <summary>
/// Lenient reads from webhook JSON: senders write the same field as a number, a string ("22222222", "True") or
/// leave it empty, depending on their template, so every read accepts all of those.
/// </summary>
internal static class JsonFields
{
    /// <summary>The property of that name (exact first, then ignoring case); null when absent or JSON null.</summary>
    public static JsonElement? Get(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact.ValueKind == JsonValueKind.Null ? null : exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    public static JsonElement? Object(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>Text of a string, number or boolean; null when absent or empty.</summary>
    public static string? String(JsonElement element, string name)
    {
        var text = Get(element, name) switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            { ValueKind: JsonValueKind.True } => "true",
            { ValueKind: JsonValueKind.False } => "false",
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public static long? Long(JsonElement element, string name)
    {
        var value = Get(element, name);
        if (value is { ValueKind: JsonValueKind.Number } n)
        {
            return n.TryGetInt64(out var l) ? l : n.TryGetDouble(out var d) && double.IsFinite(d) && Math.Abs(d) < 9e18 ? (long)d : null;
        }

        var text = String(element, name);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) && Math.Abs(real) < 9e18
            ? (long)real
            : null;
    }

    public static int? Int(JsonElement element, string name) =>
        Long(element, name) is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    public static bool? Bool(JsonElement element, string name) => Get(element, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => String(element, name)?.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => null,
        },
    };

    /// <summary>An ISO-8601 date with or without offset (no offset means UTC); null when absent or unreadable.</summary>
    public static DateTimeOffset? Date(JsonElement element, string name) =>
        String(element, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    /// <summary>Epoch seconds, as Plex sends them; null when absent, zero or out of range.</summary>
    public static DateTimeOffset? EpochSeconds(JsonElement element, string name) =>
        Long(element, name) is { } s && s > 0 && s < 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
