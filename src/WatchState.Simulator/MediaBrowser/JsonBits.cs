using System.Globalization;
using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>Small writing helpers that reproduce the servers' JSON conventions.</summary>
internal static class JsonBits
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Jellyfin's JsonDateTimeConverter: a whole-millisecond-free value gets seven fractional digits and a literal
    /// Z; anything else the default round-trip form with trailing zeros trimmed.
    /// </summary>
    public static void WriteDateValue(Utf8JsonWriter w, DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        if (utc.Millisecond == 0)
        {
            Span<char> buffer = stackalloc char[40];
            utc.TryFormat(buffer, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);
            w.WriteStringValue(buffer[..written]);
        }
        else
        {
            w.WriteStringValue(utc);
        }
    }

    public static void WriteDate(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateTime value)
    {
        w.WritePropertyName(name);
        WriteDateValue(w, value);
    }

    public static void WriteDateIfSet(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateTime? value)
    {
        if (value is { } v)
        {
            WriteDate(w, name, v);
        }
    }

    public static void WriteEmptyArray(Utf8JsonWriter w, ReadOnlySpan<byte> name)
    {
        w.WriteStartArray(name);
        w.WriteEndArray();
    }

    public static void WriteEmptyObject(Utf8JsonWriter w, ReadOnlySpan<byte> name)
    {
        w.WriteStartObject(name);
        w.WriteEndObject();
    }

    public static void WriteNumberIfSet(Utf8JsonWriter w, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    public static void WriteStringIfSet(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    public static void WriteStrings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    public static void WriteProviderIds(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, string>> ids)
    {
        w.WriteStartObject("ProviderIds"u8);
        foreach (var (key, value) in ids)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }
}
