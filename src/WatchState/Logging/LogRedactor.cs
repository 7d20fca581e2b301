using System.Text.RegularExpressions;

namespace WatchState.Logging;

/// <summary>
/// The last line of defence before a log line is written: credentials in URLs (<c>?apikey=</c>, <c>X-Plex-Token=</c>,
/// <c>api_key=</c>, …) and in auth headers are replaced by <c>***</c>, whoever wrote the message. ASP.NET Core's own
/// request logs print the full URL, and media servers send the webhook key in the query.
/// </summary>
internal static partial class LogRedactor
{
    public const string Hidden = "***";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Most lines hold no credential at all; skip the regexes for them.
        if (!text.Contains('=', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal))
        {
            return text;
        }

        var redacted = QueryCredential().Replace(text, "$1" + Hidden);
        redacted = HeaderCredential().Replace(redacted, "$1" + Hidden);
        return QuotedToken().Replace(redacted, "$1" + Hidden);
    }

    [GeneratedRegex(@"((?:[?&;]|&amp;)(?:apikey|api_key|x-plex-token|x-emby-token|x-mediabrowser-token|token|accesstoken|access_token|pin)=)[^&\s""'<>#]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryCredential();

    [GeneratedRegex(@"((?:X-Plex-Token|X-Emby-Token|X-MediaBrowser-Token|X-Apikey)\s*[:=]\s*)[^\s,;&""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderCredential();

    [GeneratedRegex(@"(\bToken=\\?"")[^""\\]*", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedToken();
}
