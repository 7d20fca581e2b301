using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WatchState.Configuration;

/// <summary>
/// Writes <c>servers.yaml</c> in WatchState's layout. Flattened option keys are rebuilt into nested mappings
/// and lists; numbers and booleans stay unquoted so WatchState reads them back with the same type.
/// </summary>
internal static partial class ServersYamlWriter
{
    public static string Write(IEnumerable<BackendConfig> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var root = new Node();
        foreach (var backend in backends)
        {
            root.Child(backend.Name, NodeShape.Map).Merge(ToTree(backend));
        }

        using var writer = new StringWriter();
        var emitter = new Emitter(writer, bestIndent: 2, bestWidth: int.MaxValue);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static Node ToTree(BackendConfig backend)
    {
        var tree = new Node();
        tree.Set("type", backend.Type.ToString().ToLowerInvariant(), ValueKind.Text);
        tree.Set("url", backend.Url.OriginalString, ValueKind.Text);
        tree.Set("token", backend.Token, ValueKind.Text);
        if (backend.Uuid is not null)
        {
            tree.Set("uuid", backend.Uuid, ValueKind.Text);
        }

        if (backend.User is not null)
        {
            tree.Set("user", backend.User, ValueKind.Text);
        }

        tree.Set("import.enabled", backend.ImportEnabled ? "true" : "false", ValueKind.Loose);
        tree.Set("export.enabled", backend.ExportEnabled ? "true" : "false", ValueKind.Loose);
        foreach (var (key, value) in backend.Options)
        {
            tree.Set("options." + key, value, ValueKind.Loose);
        }

        foreach (var (key, value) in backend.Extra)
        {
            tree.Set(key, value, ValueKind.Loose);
        }

        return tree;
    }

    private static void Emit(IEmitter emitter, Node node)
    {
        switch (node.Shape)
        {
            case NodeShape.Map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var (key, child) in node.Entries)
                {
                    emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, key, StyleFor(key, ValueKind.Text), true, true));
                    Emit(emitter, child);
                }

                emitter.Emit(new MappingEnd());
                break;
            case NodeShape.List:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in node.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                var text = node.Value ?? "";
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, StyleFor(text, node.Kind), true, true));
                break;
        }
    }

    /// <summary>
    /// Text (names, url, token, ids) must read back as a string, so anything a YAML reader would take for a
    /// number, boolean or null is quoted. Loose values (options) keep a number or boolean unquoted.
    /// </summary>
    private static ScalarStyle StyleFor(string text, ValueKind kind)
    {
        if (NullLike().IsMatch(text))
        {
            return ScalarStyle.SingleQuoted;
        }

        var typed = NumberLike().IsMatch(text) || BoolLike().IsMatch(text);
        return kind switch
        {
            ValueKind.Loose when typed => ScalarStyle.Plain,
            ValueKind.Text when typed => ScalarStyle.SingleQuoted,
            _ => ScalarStyle.Any,
        };
    }

    [GeneratedRegex(@"^(|~|null|Null|NULL)$")]
    private static partial Regex NullLike();

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex NumberLike();

    // YAML 1.1 readers also take yes/no/on/off/y/n for booleans; quoting those costs nothing.
    [GeneratedRegex("^(true|false|yes|no|on|off|y|n)$", RegexOptions.IgnoreCase)]
    private static partial Regex BoolLike();

    [GeneratedRegex(@"^(?<name>[^\[\]]+)(\[(?<index>[0-9]+)\])*$")]
    private static partial Regex PathSegment();

    private enum NodeShape
    {
        Scalar,
        Map,
        List,
    }

    private enum ValueKind
    {
        Text,
        Loose,
    }

    /// <summary>An ordered YAML tree, built from dotted keys such as <c>options.client.timeout</c> or <c>list[0]</c>.</summary>
    private sealed class Node
    {
        public NodeShape Shape { get; private set; } = NodeShape.Map;

        public List<(string Key, Node Child)> Entries { get; } = [];

        public List<Node> Items { get; } = [];

        public string? Value { get; private set; }

        public ValueKind Kind { get; private set; }

        public void Set(string path, string value, ValueKind kind)
        {
            var node = this;
            var steps = Steps(path).ToList();
            for (var i = 0; i < steps.Count; i++)
            {
                var shape = i == steps.Count - 1 ? NodeShape.Scalar : steps[i + 1].Index is null ? NodeShape.Map : NodeShape.List;
                node = steps[i].Index is { } index ? node.Item(index, shape) : node.Child(steps[i].Key!, shape);
            }

            node.Shape = NodeShape.Scalar;
            node.Value = value;
            node.Kind = kind;
        }

        public Node Child(string key, NodeShape shape)
        {
            foreach (var (existing, child) in Entries)
            {
                if (existing == key)
                {
                    return child.Reshape(shape);
                }
            }

            var created = new Node { Shape = shape };
            Entries.Add((key, created));
            return created;
        }

        public void Merge(Node other)
        {
            Entries.AddRange(other.Entries);
        }

        private Node Item(int index, NodeShape shape)
        {
            if (index < Items.Count)
            {
                return Items[index].Reshape(shape);
            }

            var created = new Node { Shape = shape };
            Items.Add(created);
            return created;
        }

        // A later key wins when two keys disagree about a node's shape (e.g. "a: 1" and "a.b: 2").
        private Node Reshape(NodeShape shape)
        {
            if (Shape != shape && shape != NodeShape.Scalar)
            {
                Shape = shape;
                Entries.Clear();
                Items.Clear();
                Value = null;
            }

            return this;
        }

        private static IEnumerable<(string? Key, int? Index)> Steps(string path)
        {
            foreach (var segment in path.Split('.'))
            {
                var match = PathSegment().Match(segment);
                if (!match.Success)
                {
                    yield return (segment, null);
                    continue;
                }

                yield return (match.Groups["name"].Value, null);
                foreach (Capture index in match.Groups["index"].Captures)
                {
                    yield return (null, int.Parse(index.Value));
                }
            }
        }
    }
}
