using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;
using WatchState.Backends.Http;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Sends one GET to a Jellyfin/Emby server and reads the JSON answer straight from the response stream. Every
/// failure leaves as a <see cref="MediaBrowserException"/> that names the backend and says what went wrong.
/// </summary>
internal sealed class MediaBrowserApi(HttpClient http, Uri baseUrl, string backend, string token, TimeSpan attemptTimeout)
{
    public const string HttpClientName = "WatchState.MediaBrowser";

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly Uri _base = WithTrailingSlash(baseUrl);

    public string Backend => backend;

    /// <param name="relative">Path and query below the server's base URL, without a leading slash.</param>
    public async Task<T> GetAsync<T>(string relative, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var uri = new Uri(_base, relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(Json);
        request.Options.Set(BackendRequest.Token, token);
        request.Options.Set(BackendRequest.AttemptTimeout, attemptTimeout);
        request.Options.Set(BackendRequest.Backend, backend);

        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw StatusError(response.StatusCode, uri);
        }

        return await ReadAsync(response, uri, type, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // Headers only: the body is deserialised from the stream instead of being buffered first.
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw TimedOut(ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
        catch (HttpRequestException ex)
        {
            throw new MediaBrowserException(backend, $"server unreachable: {Sentence(ex.Message)}", null, ex);
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, Uri uri, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        // The retry pipeline's timeout ends with the headers; a server that stalls mid-body is bounded here.
        using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bodyTimeout.CancelAfter(attemptTimeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(bodyTimeout.Token);
            return await JsonSerializer.DeserializeAsync(stream, type, bodyTimeout.Token)
                ?? throw InvalidJson(uri, "the body is null");
        }
        catch (JsonException ex)
        {
            throw InvalidJson(uri, ShortReason(ex), ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new MediaBrowserException(backend, $"server unreachable: connection lost while reading {uri.AbsolutePath}", null, ex);
        }
    }

    private MediaBrowserException StatusError(HttpStatusCode status, Uri uri)
    {
        var code = (int)status;
        var problem = status switch
        {
            HttpStatusCode.Unauthorized => "token rejected (401)",
            HttpStatusCode.Forbidden => "access denied (403)",
            HttpStatusCode.NotFound => $"not found (404): {uri.AbsolutePath}",
            HttpStatusCode.TooManyRequests => $"rate limited (429) at {uri.AbsolutePath}",
            _ when code >= 500 => $"server error ({code}) at {uri.AbsolutePath}",
            _ => $"unexpected answer ({code}) at {uri.AbsolutePath}",
        };
        return new MediaBrowserException(backend, problem, code);
    }

    private MediaBrowserException TimedOut(Exception inner) =>
        new(backend, $"timed out after {attemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s", null, inner);

    private MediaBrowserException InvalidJson(Uri uri, string reason, Exception? inner = null) =>
        new(backend, $"answered with invalid JSON at {uri.AbsolutePath}: {reason}", null, inner);

    /// <summary>The parser's complaint without line numbers or our type names.</summary>
    private static string ShortReason(JsonException ex)
    {
        var message = ex.Message;
        var pathStart = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (pathStart >= 0)
        {
            message = message[..pathStart];
        }

        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            message = "unexpected value";
        }

        message = Sentence(message);
        return ex.Path is { Length: > 1 } path ? $"{message} (at {path})" : message;
    }

    private static string Sentence(string message)
    {
        var trimmed = message.Trim().TrimEnd('.');
        return trimmed.Length <= 160 ? trimmed : trimmed[..160] + "…";
    }

    private static Uri WithTrailingSlash(Uri url)
    {
        // Without the slash, relative paths would replace a base path such as /jellyfin instead of extending it.
        var text = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
