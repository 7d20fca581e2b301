namespace WatchState.Configuration;

/// <summary>
/// Turns a listen address (<c>WS_LISTEN</c>, or what Kestrel reports) into one that can be called: a wildcard host
/// (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) is not an address anyone can reach.
/// </summary>
internal static class ListenUrls
{
    /// <summary>The first of the <c>;</c>-separated addresses, as <c>scheme://host:port/</c>.</summary>
    /// <param name="wildcardHost">The host to use in place of a wildcard: loopback, localhost or the machine's name.</param>
    public static Uri Reachable(string listen, string wildcardHost)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var first = listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]
            .Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
            .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        var uri = new Uri(first);
        var builder = new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/");
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = wildcardHost;
        }

        return builder.Uri;
    }
}
