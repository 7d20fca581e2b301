using WatchState.Backends.Http;

namespace WatchState.Backends.MediaBrowser;

/// <summary>Adds the <c>MediaBrowser</c> authorization header from the token the request carries.</summary>
internal sealed class MediaBrowserAuthHandler(MediaBrowserClientIdentity identity) : DelegatingHandler
{
    private const string Authorization = "Authorization";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(BackendRequest.Token, out var token))
        {
            request.Headers.Remove(Authorization);
            request.Headers.TryAddWithoutValidation(Authorization, identity.AuthorizationFor(token));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
