using WatchState.Backends.Http;

namespace WatchState.Backends.Plex;

/// <summary>Adds <c>X-Plex-Token</c> from the token the request carries, and the client headers Plex expects.</summary>
internal sealed class PlexAuthHandler(PlexClientIdentity identity) : DelegatingHandler
{
    public const string TokenHeader = "X-Plex-Token";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(BackendRequest.Token, out var token))
        {
            Set(request, TokenHeader, token);
        }

        Set(request, "X-Plex-Client-Identifier", identity.ClientIdentifier);
        Set(request, "X-Plex-Product", identity.Product);
        Set(request, "X-Plex-Version", identity.Version);
        Set(request, "X-Plex-Device-Name", identity.DeviceName);
        return base.SendAsync(request, cancellationToken);
    }

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }
}
