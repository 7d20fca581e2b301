using System.Text.Json.Serialization.Metadata;
using WatchState.Backends.Http;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Sends one request to a Jellyfin/Emby server and reads the JSON answer straight from the response stream. Every
/// failure leaves as a <see cref="MediaBrowserException"/> that names the backend and says what went wrong.
/// </summary>
internal sealed class MediaBrowserApi(HttpClient http, Uri baseUrl, string backend, string token, TimeSpan attemptTimeout)
{
    public const string HttpClientName = "WatchState.MediaBrowser";

    private readonly BackendJsonHttp _http = new(
        http, baseUrl, backend, token, attemptTimeout, (problem, status, inner) => new MediaBrowserException(backend, problem, status, inner));

    public string Backend => backend;

    /// <param name="relative">Path and query below the server's base URL, without a leading slash.</param>
    public async Task<T> GetAsync<T>(string relative, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = _http.Get(relative);
        using var response = await _http.SendAsync(request, cancellationToken);
        return await _http.ReadAsync(response, type, cancellationToken);
    }

    /// <summary>Sends a write; the answer's body (the item's new user data) is not needed and is not read.</summary>
    public async Task SendAsync(HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = _http.Request(method, relative);
        request.Options.Set(BackendRequest.Retry, false);
        request.Content = content;
        using var response = await _http.SendAsync(request, cancellationToken);
    }
}
