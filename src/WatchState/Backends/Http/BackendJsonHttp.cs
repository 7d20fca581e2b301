using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;

namespace WatchState.Backends.Http;

/// <summary>
/// What every server kind's API does the same way: GET a path below the server's URL on the shared pipeline,
/// read the JSON answer straight from the response stream, and turn every failure into one
/// <see cref="BackendException"/> (of the kind's own type) that names the backend and says what went wrong.
/// </summary>
/// <param name="error">Builds the kind's exception from the problem text, the HTTP status and the cause.</param>
internal sealed class BackendJsonHttp(
    HttpClient http,
    Uri baseUrl,
    string backend,
    string token,
    TimeSpan attemptTimeout,
    Func<string, int?, Exception?, BackendException> error)
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly Uri _base = WithTrailingSlash(baseUrl);

    public string Backend => backend;

    /// <summary>A GET of <paramref name="relative"/> (path and query, no leading slash) that asks for JSON.</summary>
    public HttpRequestMessage Get(string relative) => Request(HttpMethod.Get, relative);

    /// <summary>A request of any method to <paramref name="relative"/> that asks for JSON; writes use it too.</summary>
    public HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(_base, relative));
        request.Headers.Accept.Add(Json);
        request.Options.Set(BackendRequest.Token, token);
        request.Options.Set(BackendRequest.AttemptTimeout, attemptTimeout);
        request.Options.Set(BackendRequest.Backend, backend);
        return request;
    }

    /// <summary>Sends and returns a successful response with only its headers read; anything else throws.</summary>
    /// <param name="describeError">Reads a refusal's body for the server's own reason, appended to the message.</param>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken,
        Func<HttpResponseMessage, CancellationToken, Task<string?>>? describeError = null)
    {
        HttpResponseMessage response;
        try
        {
            // Headers only: the body is deserialised from the stream instead of being buffered first.
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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
            throw error($"server unreachable: {Sentence(ex.Message)}", null, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var detail = describeError is null ? null : await DescribeAsync(describeError, response, cancellationToken);
                throw StatusError(response.StatusCode, request.RequestUri!, detail);
            }
        }

        return response;
    }

    public async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var uri = response.RequestMessage?.RequestUri ?? _base;
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType
            && (mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("html", StringComparison.OrdinalIgnoreCase)))
        {
            // A proxy's error page, or a server that ignored Accept: say what came instead of a parser complaint.
            throw error($"answered with {mediaType} instead of JSON at {uri.AbsolutePath}", null, null);
        }

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
            throw error($"server unreachable: connection lost while reading {uri.AbsolutePath}", null, ex);
        }
    }

    public BackendException InvalidJson(Uri uri, string reason, Exception? inner = null) =>
        error($"answered with invalid JSON at {uri.AbsolutePath}: {reason}", null, inner);

    private async Task<string?> DescribeAsync(
        Func<HttpResponseMessage, CancellationToken, Task<string?>> describe, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bodyTimeout.CancelAfter(attemptTimeout);
        try
        {
            return await describe(response, bodyTimeout.Token) is { Length: > 0 } text ? Sentence(text) : null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is JsonException or IOException or HttpRequestException or OperationCanceledException)
        {
            // The status alone still says what happened.
            return null;
        }
    }

    private BackendException StatusError(HttpStatusCode status, Uri uri, string? detail = null)
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
        return error(detail is null ? problem : $"{problem}: {detail}", code, null);
    }

    private BackendException TimedOut(Exception inner) =>
        error($"timed out after {attemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s", null, inner);

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
