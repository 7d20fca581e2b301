using System.Diagnostics.CodeAnalysis;

namespace WatchState.Configuration;

/// <summary>Parsing rules shared by <c>.env</c>, environment variables and <c>servers.yaml</c>.</summary>
internal static class ConfigValues
{
    /// <summary>
    /// Accepts what WatchState (PHP) accepts as a boolean: true/false, yes/no, on/off, 1/0, in any case.
    /// </summary>
    public static bool TryParseBool(string? text, out bool value)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "1":
                value = true;
                return true;
            case "false" or "no" or "off" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static string NotABool(string? text) => $"'{text}' is not true or false";

    /// <summary>An absolute http or https URL, which is all a media server can be reached at.</summary>
    public static bool TryParseHttpUrl(string? text, [NotNullWhen(true)] out Uri? url)
    {
        if (Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(parsed.Host))
        {
            url = parsed;
            return true;
        }

        url = null;
        return false;
    }

    public static string NotAUrl(string? text) => $"'{text}' is not an http:// or https:// URL";
}
