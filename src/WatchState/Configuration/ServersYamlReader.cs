using WatchState.Backends;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WatchState.Configuration;

/// <summary>
/// Parses WatchState's <c>servers.yaml</c>: a mapping of backend name to
/// <c>{ type, url, token, uuid, user, import: { enabled }, export: { enabled }, options: { … } }</c>.
/// Every error names the file, the line and the key.
/// </summary>
internal static class ServersYamlReader
{
    public const string SupportedTypes = "plex, jellyfin, emby";

    public static IReadOnlyList<BackendConfig> Parse(string text, string file) => Parse(text, file, null);

    /// <summary>
    /// Like <see cref="Parse(string, string)"/>, but a backend whose <c>type</c> is a value this program does not
    /// support is handed to <paramref name="unsupported"/> (name, type, line) and left out instead of failing the
    /// whole file: <c>migrate:watchstate</c> reports it and brings the others over.
    /// </summary>
    public static IReadOnlyList<BackendConfig> Parse(string text, string file, Action<string, string, long>? unsupported)
    {
        var node = YamlText.LoadRoot(text, file);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode root)
        {
            throw new ConfigException(file, node.Start.Line, "expected a mapping of backend name to its settings");
        }

        var backends = new List<BackendConfig>(root.Children.Count);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var name = ScalarText(keyNode) ?? throw new ConfigException(file, keyNode.Start.Line, "a backend name must be a plain word");
            if (unsupported is not null && UnsupportedType(valueNode) is { } type)
            {
                unsupported(name, type, keyNode.Start.Line);
                continue;
            }

            backends.Add(new BackendReader(file, name, keyNode.Start.Line).Read(valueNode));
        }

        return backends;
    }

    private static string? UnsupportedType(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return null;
        }

        var type = map.Children.FirstOrDefault(c => ScalarText(c.Key) == "type").Value;
        var text = type is null ? null : ScalarText(type)?.Trim();
        return string.IsNullOrEmpty(text) || text.ToLowerInvariant() is "plex" or "jellyfin" or "emby" ? null : text;
    }

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain
            && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The scalar's text, or null for a YAML null; throws nothing, returns null for non-scalars too.</summary>
    internal static string? ScalarText(YamlNode node) =>
        node is YamlScalarNode scalar && !IsNull(node) ? scalar.Value : null;

    private sealed class BackendReader(string file, string name, long nameLine)
    {
        private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> extra = new(StringComparer.Ordinal);

        public BackendConfig Read(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                throw Error(node.Start.Line, "expected a mapping with type, url and token");
            }

            BackendType? type = null;
            Uri? url = null;
            string? token = null, uuid = null, user = null;
            bool import = true, export = true;
            foreach (var (keyNode, value) in map.Children)
            {
                var key = ScalarText(keyNode) ?? throw Error(keyNode.Start.Line, "keys must be plain words");
                switch (key)
                {
                    case "type":
                        type = ReadType(value);
                        break;
                    case "url":
                        url = ReadUrl(value);
                        break;
                    case "token":
                        token = ReadScalar(value, key);
                        break;
                    case "uuid":
                        uuid = ReadScalar(value, key);
                        break;
                    case "user":
                        user = ReadScalar(value, key);
                        break;
                    case "import":
                        import = ReadSection(value, key, import);
                        break;
                    case "export":
                        export = ReadSection(value, key, export);
                        break;
                    case "options":
                        Flatten(value, "", options, key);
                        break;
                    default:
                        Flatten(value, key, extra, key);
                        break;
                }
            }

            return new BackendConfig
            {
                Name = name,
                Type = type ?? throw Error(nameLine, $"type is missing ({SupportedTypes})"),
                Url = url ?? throw Error(nameLine, "url is missing"),
                Token = string.IsNullOrWhiteSpace(token) ? throw Error(nameLine, "token is missing") : token,
                Uuid = uuid,

                // Older WatchState files keep the Jellyfin/Emby user under options.user.
                User = user ?? options.GetValueOrDefault("user"),
                ImportEnabled = import,
                ExportEnabled = export,
                Options = options,
                Extra = extra,
            };
        }

        private ConfigException Error(long line, string problem) => new(file, line, $"backend '{name}': {problem}");

        private string? ReadScalar(YamlNode node, string key) =>
            node is YamlScalarNode ? ScalarText(node)?.Trim() : throw Error(node.Start.Line, $"{key} must be a single value");

        private BackendType ReadType(YamlNode node)
        {
            var text = ReadScalar(node, "type");
            return text?.ToLowerInvariant() switch
            {
                "plex" => BackendType.Plex,
                "jellyfin" => BackendType.Jellyfin,
                "emby" => BackendType.Emby,
                null or "" => throw Error(node.Start.Line, $"type is missing ({SupportedTypes})"),
                _ => throw Error(node.Start.Line, $"type '{text}' is not supported ({SupportedTypes})"),
            };
        }

        private Uri? ReadUrl(YamlNode node)
        {
            var text = ReadScalar(node, "url");
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return ConfigValues.TryParseHttpUrl(text, out var url) ? url : throw Error(node.Start.Line, $"url {ConfigValues.NotAUrl(text)}");
        }

        /// <summary>Reads <c>import:</c>/<c>export:</c>; <c>enabled</c> is ours, the rest (lastSync, …) is kept.</summary>
        private bool ReadSection(YamlNode node, string section, bool enabled)
        {
            if (IsNull(node))
            {
                return enabled;
            }

            if (node is not YamlMappingNode map)
            {
                throw Error(node.Start.Line, $"{section} must be a mapping such as {{ enabled: true }}");
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var key = ScalarText(keyNode) ?? throw Error(keyNode.Start.Line, "keys must be plain words");
                if (key != "enabled")
                {
                    Flatten(value, $"{section}.{key}", extra, $"{section}.{key}");
                    continue;
                }

                var text = ReadScalar(value, $"{section}.enabled");
                if (text is null)
                {
                    continue;
                }

                if (!ConfigValues.TryParseBool(text, out enabled))
                {
                    throw Error(value.Start.Line, $"{section}.enabled: {ConfigValues.NotABool(text)}");
                }
            }

            return enabled;
        }

        /// <summary>
        /// Nested mappings become dotted keys (<c>client.timeout</c>) and lists indexed ones (<c>list[0]</c>),
        /// so <see cref="ServersYamlWriter"/> can rebuild the same shape. Nulls carry nothing and are dropped.
        /// </summary>
        private void Flatten(YamlNode node, string prefix, Dictionary<string, string> into, string keyForErrors)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (keyNode, value) in map.Children)
                    {
                        var key = ScalarText(keyNode) ?? throw Error(keyNode.Start.Line, $"{keyForErrors}: keys must be plain words");
                        var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                        Flatten(value, path, into, path);
                    }

                    break;
                case YamlSequenceNode sequence:
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        Flatten(sequence.Children[i], $"{prefix}[{i}]", into, $"{keyForErrors}[{i}]");
                    }

                    break;
                default:
                    if (ScalarText(node) is { } text && prefix.Length > 0)
                    {
                        into[prefix] = text;
                    }

                    break;
            }
        }
    }
}
