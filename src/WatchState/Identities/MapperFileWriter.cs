using System.Text;
using WatchState.Configuration;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace WatchState.Identities;

/// <summary>
/// Adds one group to <c>config/mapper.yaml</c> (the identities page's "fix a match"): the entry is appended to the
/// <c>map</c> list in the long form of <see cref="MapperFile"/>, leaving every other line (comments included) as it
/// was, and the file is replaced atomically. The result is parsed back before it is written, so a file this cannot
/// extend safely is refused rather than broken.
/// </summary>
public static class MapperFileWriter
{
    private const string Header = "version: \"1.5\"\nmap:\n";

    /// <summary>Appends a group mapping each <c>Backend</c> to the user <c>Name</c> (a user name or id).</summary>
    /// <exception cref="ConfigException">The file cannot be extended (not a mapping file, <c>map</c> in flow style).</exception>
    public static async Task AppendAsync(string path, string display, IReadOnlyList<MappedEntry> users, CancellationToken cancellationToken)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        await AtomicFile.WriteAllTextAsync(path, Append(text, users, display), cancellationToken);
    }

    /// <summary>The text of the mapping file with the group added; <paramref name="text"/> null for no file.</summary>
    /// <exception cref="ConfigException">The text cannot be extended safely.</exception>
    public static string Append(string? text, IReadOnlyList<MappedEntry> users, string display = MapperFile.FileName)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count < 2 || users.Select(u => u.Backend).Distinct(StringComparer.OrdinalIgnoreCase).Count() != users.Count)
        {
            throw new ConfigException("a group of mapper.yaml needs at least two users, each on a different backend");
        }

        var before = MapperFile.Parse(text ?? "", display).Groups.Count;
        var updated = string.IsNullOrWhiteSpace(text) ? Header + Entry(users, 2) : Insert(text.ReplaceLineEndings("\n"), users, display);
        var after = MapperFile.Parse(updated, display).Groups;
        if (after.Count != before + 1 || after[^1].Users.Count != users.Count)
        {
            throw new ConfigException($"{display}: cannot add the group safely to this file's layout; add it by hand");
        }

        return updated;
    }

    private static string Insert(string text, IReadOnlyList<MappedEntry> users, string display)
    {
        var node = YamlText.LoadRoot(text, display);
        if (node is null)
        {
            return text.TrimEnd() + "\n" + Header + Entry(users, 2);
        }

        if (node is not YamlMappingNode root || root.Style == MappingStyle.Flow)
        {
            throw new ConfigException($"{display}: expected keys 'version' and 'map'; add the group by hand");
        }

        var keys = root.Children.Keys.ToList();
        var mapKey = keys.FirstOrDefault(k => k is YamlScalarNode { Value: "map" });
        if (mapKey is null)
        {
            return EnsureNewline(text) + "map:\n" + Entry(users, 2);
        }

        var next = keys.IndexOf(mapKey) + 1 < keys.Count ? keys[keys.IndexOf(mapKey) + 1] : null;
        var lines = text.Split('\n').ToList();
        var at = next is null ? lines.Count : (int)next.Start.Line - 1;

        // Before the key that follows map (or at the end), skipping back over blank lines and comments after the list.
        while (at > (int)mapKey.Start.Line && (string.IsNullOrWhiteSpace(lines[at - 1]) || lines[at - 1].TrimStart().StartsWith('#')))
        {
            at--;
        }

        var indent = root.Children[mapKey] switch
        {
            YamlScalarNode { Value: null or "" } => 2,
            YamlSequenceNode { Style: SequenceStyle.Block } items => (int)items.Start.Column - 1,
            _ => throw new ConfigException($"{display} line {mapKey.Start.Line}: 'map' is not a block list; add the group by hand"),
        };
        var entry = Entry(users, indent).TrimEnd('\n').Split('\n');
        lines.InsertRange(at, entry);
        return EnsureNewline(string.Join('\n', lines));
    }

    private static string Entry(IReadOnlyList<MappedEntry> users, int indent)
    {
        var pad = new string(' ', indent);
        var builder = new StringBuilder();
        for (var i = 0; i < users.Count; i++)
        {
            builder.Append(pad).Append(i == 0 ? "- " : "  ").Append(Key(users[i].Backend)).Append(":\n");
            builder.Append(pad).Append("    name: ").Append(Quote(users[i].Name)).Append('\n');
        }

        return builder.ToString();
    }

    private static string Key(string backend) =>
        backend.Length > 0 && backend.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? backend : Quote(backend);

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string EnsureNewline(string text) => text.EndsWith('\n') ? text : text + "\n";
}

/// <summary>One user of a group to map: the backend name and the user's name (or id) there.</summary>
public sealed record MappedEntry(string Backend, string Name);
