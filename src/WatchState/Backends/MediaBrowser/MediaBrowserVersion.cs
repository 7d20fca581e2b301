namespace WatchState.Backends.MediaBrowser;

internal static class MediaBrowserVersion
{
    /// <summary>Reads versions such as <c>10.11.8</c>, <c>4.8.10.0</c> or <c>12.0.0-rc1</c> (the suffix is ignored).</summary>
    public static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        var numeric = text[..end].TrimEnd('.');
        if (!numeric.Contains('.', StringComparison.Ordinal))
        {
            numeric += ".0";
        }

        if (!Version.TryParse(numeric, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }
}
