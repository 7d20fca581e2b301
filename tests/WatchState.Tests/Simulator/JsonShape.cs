using System.Text.Json;

namespace WatchState.Tests.Simulator;

/// <summary>Compares the shape (property names, their order, value kinds) of JSON bodies, not their values.</summary>
internal static class JsonShape
{
    public static IReadOnlyList<string> Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    /// <summary>Same property names in the same order and the same value kinds, recursively.</summary>
    public static void AssertSame(JsonElement expected, JsonElement actual, string path = "$")
    {
        Assert.True(Kind(expected) == Kind(actual), $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
        if (expected.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal(Names(expected), Names(actual));
            foreach (var p in expected.EnumerateObject())
            {
                AssertSame(p.Value, actual.GetProperty(p.Name), path + "." + p.Name);
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            foreach (var item in actual.EnumerateArray())
            {
                AssertSame(expected[0], item, path + "[]");
            }
        }
    }

    /// <summary>
    /// Every property of <paramref name="actual"/> exists in <paramref name="expected"/>, in the same relative order
    /// and with the same value kind (recursively); expected properties may be missing only if listed.
    /// </summary>
    public static void AssertSubset(JsonElement expected, JsonElement actual, IReadOnlyCollection<string>? mayBeMissing = null, string path = "$")
    {
        Assert.True(Kind(expected) == Kind(actual), $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
        if (expected.ValueKind == JsonValueKind.Object)
        {
            var expectedNames = Names(expected);
            var actualNames = Names(actual);
            AssertOrderedSubset(expectedNames, actualNames, path);
            if (mayBeMissing is not null)
            {
                var missing = expectedNames.Except(actualNames).Except(mayBeMissing).ToList();
                Assert.True(missing.Count == 0, $"{path}: missing {string.Join(", ", missing)}");
            }

            foreach (var p in actual.EnumerateObject())
            {
                AssertSubset(expected.GetProperty(p.Name), p.Value, null, path + "." + p.Name);
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            foreach (var item in actual.EnumerateArray())
            {
                AssertSubset(expected[0], item, null, path + "[]");
            }
        }
    }

    public static void AssertOrderedSubset(IReadOnlyList<string> reference, IReadOnlyList<string> names, string path)
    {
        var position = -1;
        foreach (var name in names)
        {
            var at = IndexOf(reference, name);
            Assert.True(at >= 0, $"{path}: unexpected property {name}");
            Assert.True(at > position, $"{path}: {name} is out of order");
            position = at;
        }
    }

    private static int IndexOf(IReadOnlyList<string> list, string name)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonValueKind Kind(JsonElement e) => e.ValueKind == JsonValueKind.False ? JsonValueKind.True : e.ValueKind;
}
