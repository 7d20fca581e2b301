using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Reads the servers' dates as UTC: ISO-8601 with 0–7 fraction digits and <c>Z</c> or an offset, a bare
/// timestamp (taken as UTC), or Emby's <c>yyyyMMddHHmmss</c>. <c>0001-01-01</c> and unreadable values mean none,
/// so one odd date cannot fail a whole page.
/// </summary>
internal sealed class MediaBrowserDateConverter : JsonConverter<DateTimeOffset?>
{
    private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a date string, found {reader.TokenType}");
        }

        return Parse(reader.GetString());
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } date)
        {
            writer.WriteStringValue(date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Utc, out var parsed)
            && !DateTimeOffset.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, Utc, out parsed))
        {
            return null;
        }

        parsed = parsed.ToUniversalTime();

        // .NET's DateTime.MinValue is how both servers write "never".
        return parsed.Year <= 1 ? null : parsed;
    }
}
