using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WatchState.Configuration;

/// <summary>Loading the YAML of a configuration file, with errors that name the file, line and column.</summary>
internal static class YamlText
{
    /// <returns>The first document's root, or null for an empty file (nothing, <c>~</c> or a blank scalar).</returns>
    /// <exception cref="ConfigException">The text is not valid YAML.</exception>
    public static YamlNode? LoadRoot(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{file} line {e.Start.Line}, column {e.Start.Column}: {Describe(e)}", e);
        }

        return stream.Documents.Count == 0 || ServersYamlReader.IsNull(stream.Documents[0].RootNode)
            ? null
            : stream.Documents[0].RootNode;
    }

    // YamlDotNet prefixes its messages with the marks ("(Line: 4, Col: 7, Idx: 30) - (…): "); we print our own.
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }
}
