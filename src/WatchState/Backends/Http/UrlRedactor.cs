using System.Text;

namespace WatchState.Backends.Http;

/// <summary>Hides credentials that servers accept in the query string before a URL is logged.</summary>
internal static class UrlRedactor
{
    private const string Hidden = "***";

    private static readonly string[] SecretKeys =
    [
        "token", "api_key", "apikey", "x-emby-token", "x-mediabrowser-token", "x-plex-token", "accesstoken", "access_token", "pin",
    ];

    public static string Redact(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        var text = uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.HttpRequestUrl & ~UriComponents.UserInfo, UriFormat.UriEscaped) : uri.OriginalString;
        return Redact(text);
    }

    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return url;
        }

        var fragmentStart = url.IndexOf('#', queryStart);
        var query = fragmentStart < 0 ? url[(queryStart + 1)..] : url[(queryStart + 1)..fragmentStart];
        var result = new StringBuilder(url.Length).Append(url, 0, queryStart + 1);
        var first = true;
        foreach (var pair in query.Split('&'))
        {
            if (!first)
            {
                result.Append('&');
            }

            first = false;
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (equals >= 0 && IsSecret(Uri.UnescapeDataString(key)))
            {
                result.Append(key).Append('=').Append(Hidden);
            }
            else
            {
                result.Append(pair);
            }
        }

        if (fragmentStart >= 0)
        {
            result.Append(url, fragmentStart, url.Length - fragmentStart);
        }

        return result.ToString();
    }

    private static bool IsSecret(string key) =>
        Array.Exists(SecretKeys, secret => string.Equals(secret, key, StringComparison.OrdinalIgnoreCase));
}
