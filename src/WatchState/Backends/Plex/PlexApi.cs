using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly.Timeout;
using WatchState.Backends.Http;

namespace WatchState.Backends.Plex;

/// <summary>
/// Sends one GET to a Plex Media Server and reads the JSON answer straight from the response stream. Every
/// failure leaves as a <see cref="PlexException"/> that names the backend and says what went wrong.
/// </summary>
internal sealed class PlexApi(HttpClient http, Uri baseUrl, string backend, string token, TimeSpan attemptTimeout)
{
    public const string HttpClientName = "WatchState.Plex";
    public const string ContainerStart = "X-Plex-Container-Start";
    public const string ContainerSize = "X-Plex-Container-Size";
    public const string ContainerTotalSize = "X-Plex-Container-Total-Size";

    // Without it PMS answers XML.
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly Uri _base = WithTrailingSlash(baseUrl);

    public string Backend => backend;

    /// <param name="relative">Path and query below the server's base URL, without a leading slash.</param>
    public async Task<PlexContainerDto> GetAsync(string relative, CancellationToken cancellationToken) =>
        (await GetPageAsync(relative, null, cancellationToken)).Container;

    /// <summary>One page; start and size go in the headers too, as Plex clients send them.</summary>
    /// <returns>The container and the total the <c>X-Plex-Container-Total-Size</c> header reports, if any.</returns>
    public async Task<PlexPage> GetPageAsync(string relative, (int Start, int Size)? window, CancellationToken cancellationToken)
    {
        var uri = new Uri(_base, relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(Json);
        if (window is var (start, size))
        {
            request.Headers.TryAddWithoutValidation(ContainerStart, start.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(ContainerSize, size.ToString(CultureInfo.InvariantCulture));
        }

        request.Options.Set(BackendRequest.Token, token);
        request.Options.Set(BackendRequest.AttemptTimeout, attemptTimeout);
        request.Options.Set(BackendRequest.Backend, backend);

        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw StatusError(response.StatusCode, uri);
        }

        var total = response.Headers.TryGetValues(ContainerTotalSize, out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (int?)null;
        var body = await ReadAsync(response, uri, cancellationToken);
        return new PlexPage(body.MediaContainer ?? throw InvalidJson(uri, "no MediaContainer"), total);
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
            throw new PlexException(backend, $"server unreachable: {Sentence(ex.Message)}", null, ex);
        }
    }

    private async Task<PlexResponseDto> ReadAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            throw InvalidJson(uri, "the server answered XML (is this a Plex Media Server?)");
        }

        // The retry pipeline's timeout ends with the headers; a server that stalls mid-body is bounded here.
        using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bodyTimeout.CancelAfter(attemptTimeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(bodyTimeout.Token);
            return await JsonSerializer.DeserializeAsync(stream, PlexJsonContext.Default.PlexResponseDto, bodyTimeout.Token)
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
            throw new PlexException(backend, $"server unreachable: connection lost while reading {uri.AbsolutePath}", null, ex);
        }
    }

    private PlexException StatusError(HttpStatusCode status, Uri uri)
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
        return new PlexException(backend, problem, code);
    }

    private PlexException TimedOut(Exception inner) =>
        new(backend, $"timed out after {attemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s", null, inner);

    private PlexException InvalidJson(Uri uri, string reason, Exception? inner = null) =>
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
        // Without the slash, relative paths would replace a base path such as /plex instead of extending it.
        var text = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}

/// <param name="HeaderTotal">The <c>X-Plex-Container-Total-Size</c> header, when the server sent one.</param>
internal sealed record PlexPage(PlexContainerDto Container, int? HeaderTotal)
{
    public int Total => HeaderTotal ?? Container.TotalSize ?? Container.Metadata?.Count ?? 0;
}
