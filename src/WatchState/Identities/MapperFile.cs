using WatchState.Configuration;
using YamlDotNet.RepresentationModel;

namespace WatchState.Identities;

/// <summary>
/// Reads <c>config/mapper.yaml</c> in WatchState's format: <c>version</c> and a <c>map</c> list whose items each map
/// backend name to <c>{ name: user name, options: {} }</c>. A bare <c>backend: user name</c> is accepted too.
/// </summary>
public static class MapperFile
{
    public const string FileName = "mapper.yaml";

    /// <summary>The mapping in <paramref name="path"/>, or an empty one when the file does not exist.</summary>
    /// <exception cref="ConfigException">The file is not a valid mapping; the message names the line and key.</exception>
    public static async Task<UserMapping> LoadAsync(string path, string display, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return UserMapping.Empty;
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken), display);
    }

    /// <exception cref="ConfigException">The text is not a valid mapping; the message names the line and key.</exception>
    public static UserMapping Parse(string text, string display = FileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var node = YamlText.LoadRoot(text, display);
        if (node is null)
        {
            return UserMapping.Empty;
        }

        if (node is not YamlMappingNode root)
        {
            throw Error(display, node, "expected keys 'version' and 'map'");
        }

        var groups = new List<MappedGroup>();
        foreach (var (key, value) in root.Children)
        {
            switch (Scalar(display, key, "a key"))
            {
                case "version":
                    break;
                case "map":
                    groups.AddRange(Groups(display, value));
                    break;
                default:
                    throw Error(display, key, $"unknown key '{((YamlScalarNode)key).Value}'; expected 'version' and 'map'");
            }
        }

        return new UserMapping(groups);
    }

    private static IEnumerable<MappedGroup> Groups(string display, YamlNode map)
    {
        if (map is YamlScalarNode { Value: null or "" })
        {
            yield break;
        }

        if (map is not YamlSequenceNode items)
        {
            throw Error(display, map, "'map' must be a list of groups, each '- backend: { name: user }'");
        }

        foreach (var item in items)
        {
            if (item is not YamlMappingNode group)
            {
                throw Error(display, item, "each item of 'map' must map backend names to users");
            }

            var users = new List<MappedUser>();
            foreach (var (backendNode, userNode) in group.Children)
            {
                var backend = Scalar(display, backendNode, "a backend name");
                users.Add(new MappedUser(backend, UserName(display, backend, userNode), Line(userNode)));
            }

            yield return new MappedGroup(Line(group), users);
        }
    }

    private static string UserName(string display, string backend, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return Scalar(display, node, $"the user name for '{backend}'");
        }

        if (node is not YamlMappingNode user)
        {
            throw Error(display, node, $"'{backend}' must be {{ name: user name }}");
        }

        string? name = null;
        foreach (var (key, value) in user.Children)
        {
            var k = Scalar(display, key, "a key");
            if (k == "name")
            {
                name = Scalar(display, value, $"'{backend}.name'");
            }
            else if (k != "options")
            {
                throw Error(display, key, $"unknown key '{backend}.{k}'; expected 'name' and 'options'");
            }
        }

        return name ?? throw Error(display, node, $"'{backend}' has no 'name'");
    }

    private static string Scalar(string display, YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw Error(display, node, $"expected {what} (a non-empty text)");

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static ConfigException Error(string display, YamlNode node, string message) => new($"{display} line {Line(node)}: {message}");
}
