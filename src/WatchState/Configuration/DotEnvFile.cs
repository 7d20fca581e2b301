using System.Text;

namespace WatchState.Configuration;

/// <summary>One <c>KEY=VALUE</c> of a <c>.env</c> file and the line it came from.</summary>
public sealed record DotEnvEntry(string Key, string Value, int Line);

/// <summary>
/// Reads <c>config/.env</c> the way docker-compose style files are written: <c>KEY=VALUE</c> lines,
/// <c>#</c> comments, optional single or double quotes, and a tolerated <c>export </c> prefix.
/// </summary>
public static class DotEnvFile
{
    /// <summary>A missing file is an empty environment.</summary>
    public static async Task<IReadOnlyList<DotEnvEntry>> ReadAsync(string path, string displayName, CancellationToken cancellationToken)
    {
        var text = await ConfigFileText.ReadOptionalAsync(path, displayName, cancellationToken);
        if (text is null)
        {
            return [];
        }

        return Parse(text, displayName);
    }

    public static IReadOnlyList<DotEnvEntry> Parse(string text, string displayName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<DotEnvEntry>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ConfigException(displayName, i + 1, $"expected KEY=VALUE, found '{Shorten(line)}'");
            }

            var key = line[..equals].Trim();
            if (!IsValidKey(key))
            {
                throw new ConfigException(displayName, i + 1, $"'{Shorten(key)}' is not a valid variable name");
            }

            var value = ParseValue(line[(equals + 1)..].Trim(), displayName, i + 1, key);
            entries.Add(new DotEnvEntry(key, value, i + 1));
        }

        return entries;
    }

    private static string ParseValue(string raw, string displayName, int line, string key)
    {
        if (raw.Length == 0)
        {
            return raw;
        }

        var quote = raw[0];
        if (quote is not ('"' or '\''))
        {
            // Unquoted values end at a comment that is separated by whitespace, as in shell.
            var comment = raw.IndexOf(" #", StringComparison.Ordinal);
            return (comment >= 0 ? raw[..comment] : raw).TrimEnd();
        }

        var close = FindClosingQuote(raw, quote);
        if (close < 0)
        {
            throw new ConfigException(displayName, line, $"{key}: the value's closing {quote} is missing");
        }

        var rest = raw[(close + 1)..].TrimStart();
        if (rest.Length > 0 && rest[0] != '#')
        {
            throw new ConfigException(displayName, line, $"{key}: unexpected text after the closing quote");
        }

        var inner = raw[1..close];
        return quote == '"' ? Unescape(inner) : inner;
    }

    private static int FindClosingQuote(string raw, char quote)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (quote == '"' && raw[i] == '\\')
            {
                i++;
            }
            else if (raw[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string inner)
    {
        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] != '\\' || i == inner.Length - 1)
            {
                builder.Append(inner[i]);
                continue;
            }

            i++;
            builder.Append(inner[i] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => inner[i],
            });
        }

        return builder.ToString();
    }

    private static bool IsValidKey(string key) =>
        key.Length > 0
        && (char.IsAsciiLetter(key[0]) || key[0] == '_')
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
