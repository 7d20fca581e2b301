using System.Text;
using System.Text.Json.Nodes;

namespace WatchState.Tests.Security;

/// <summary>
/// Deterministic mutations of a valid text (JSON, YAML, .env): cut short, bytes flipped, values of the wrong type,
/// huge numbers, deep nesting, fields dropped, random bytes, control characters. The same seed gives the same cases.
/// </summary>
internal static class Mutations
{
    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999999", "-9223372036854775809", "18446744073709551616", "NaN", "-0", "1.7976931348623157e309",
    ];

    private static readonly string[] OddValues =
    [
        "null", "\"\"", "\"text\"", "true", "[]", "{}", "-1", "0", "1.5", "[1,2]", "{\"x\":{\"y\":[null]}}", "\"\\u0000\"", "\"" + new string('a', 5000) + "\"",
    ];

    /// <summary>How many kinds <see cref="Text"/> and <see cref="Json"/> cycle through.</summary>
    public const int Kinds = 10;

    /// <summary>A mutation of any text, chosen by <paramref name="kind"/> (0 to <see cref="Kinds"/> - 1).</summary>
    public static string Text(Random random, string seed, int kind)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(seed);
        switch (kind % Kinds)
        {
            case 0:
                return seed[..random.Next(0, Math.Max(1, seed.Length))];
            case 1:
                {
                    var chars = seed.ToCharArray();
                    for (var i = 0; i < 1 + random.Next(8) && chars.Length > 0; i++)
                    {
                        chars[random.Next(chars.Length)] = (char)random.Next(0, 128);
                    }

                    return new string(chars);
                }

            case 2:
                {
                    var bytes = new byte[random.Next(0, 2048)];
                    random.NextBytes(bytes);
                    return Encoding.Latin1.GetString(bytes);
                }

            case 3:
                {
                    // A line dropped or doubled.
                    var lines = seed.Split('\n').ToList();
                    var at = random.Next(lines.Count);
                    if (random.Next(2) == 0)
                    {
                        lines.RemoveAt(at);
                    }
                    else
                    {
                        lines.Insert(at, lines[at]);
                    }

                    return string.Join('\n', lines);
                }

            case 4:
                return string.Concat(Enumerable.Repeat(random.Next(2) == 0 ? "[" : "{\"a\":", random.Next(100, 5000)));
            case 5:
                return seed.Insert(random.Next(seed.Length + 1), HugeNumbers[random.Next(HugeNumbers.Length)]);
            case 6:
                return seed.Replace(':', random.Next(2) == 0 ? '=' : ';');
            case 7:
                return seed.Insert(random.Next(seed.Length + 1), "\t\0\r\u2028\uFEFF\"'&|*!%@`");
            case 8:
                return "";
            default:
                return OddValues[random.Next(OddValues.Length)];
        }
    }

    /// <summary>A mutation of a JSON text that keeps it JSON about half the time (wrong types, huge numbers, dropped fields).</summary>
    public static string Json(Random random, string seed, int kind)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (kind % 2 == 1 || JsonNode.Parse(seed) is not { } root)
        {
            return Text(random, seed, kind / 2);
        }

        var targets = Nodes(root).Where(n => n.Parent is not null).ToList();
        for (var i = 0; i < 1 + random.Next(5) && targets.Count > 0; i++)
        {
            var node = targets[random.Next(targets.Count)];
            var replacement = (kind / 2 % 3) switch
            {
                0 => JsonNode.Parse(OddValues[random.Next(OddValues.Length)]),
                1 => JsonNode.Parse(HugeNumbers[random.Next(3)]),
                _ => null,
            };
            switch (node.Parent)
            {
                case JsonObject obj when kind / 2 % 3 == 2:
                    obj.Remove(node.GetPropertyName());
                    break;
                case JsonObject obj:
                    obj[node.GetPropertyName()] = replacement;
                    break;
                case JsonArray array:
                    array[node.GetElementIndex()] = replacement;
                    break;
            }

            targets = [.. Nodes(root).Where(n => n.Parent is not null)];
        }

        return root.ToJsonString();
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.Take(50))
        {
            foreach (var descendant in Nodes(child))
            {
                yield return descendant;
            }
        }
    }
}
