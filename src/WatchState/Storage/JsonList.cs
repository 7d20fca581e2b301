using System.Buffers;
using System.Text;
using System.Text.Json;

namespace WatchState.Storage;

/// <summary>Builds the JSON array text that <c>json_each</c> lookups take, without duplicates.</summary>
internal static class JsonList
{
    public static string Of(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Of(IEnumerable<long> values)
    {
        var buffer = new ArrayBufferWriter<byte>(8 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values.Distinct())
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
