using System.Globalization;
using WatchState.Backends.Http;

namespace WatchState.Backends.Plex;

/// <summary>
/// Sends one request to a Plex Media Server and reads the JSON answer straight from the response stream. Every
/// failure leaves as a <see cref="PlexException"/> that names the backend and says what went wrong.
/// </summary>
internal sealed class PlexApi(HttpClient http, Uri baseUrl, string backend, string token, TimeSpan attemptTimeout)
{
    public const string HttpClientName = "WatchState.Plex";
    public const string ContainerStart = "X-Plex-Container-Start";
    public const string ContainerSize = "X-Plex-Container-Size";
    public const string ContainerTotalSize = "X-Plex-Container-Total-Size";

    // BackendJsonHttp always sends Accept: application/json; without it PMS answers XML.
    private readonly BackendJsonHttp _http = new(
        http, baseUrl, backend, token, attemptTimeout, (problem, status, inner) => new PlexException(backend, problem, status, inner));

    public string Backend => backend;

    /// <param name="relative">Path and query below the server's base URL, without a leading slash.</param>
    public async Task<PlexContainerDto> GetAsync(string relative, CancellationToken cancellationToken) =>
        (await GetPageAsync(relative, null, cancellationToken)).Container;

    /// <summary>One page; start and size go in the headers too, as Plex clients send them.</summary>
    /// <returns>The container and the total the <c>X-Plex-Container-Total-Size</c> header reports, if any.</returns>
    public async Task<PlexPage> GetPageAsync(string relative, (int Start, int Size)? window, CancellationToken cancellationToken)
    {
        using var request = _http.Get(relative);
        if (window is var (start, size))
        {
            request.Headers.TryAddWithoutValidation(ContainerStart, start.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(ContainerSize, size.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var uri = request.RequestUri!;
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            throw _http.InvalidJson(uri, "the server answered XML (is this a Plex Media Server?)");
        }

        var total = response.Headers.TryGetValues(ContainerTotalSize, out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (int?)null;
        var body = await _http.ReadAsync(response, PlexJsonContext.Default.PlexResponseDto, cancellationToken);
        return new PlexPage(body.MediaContainer ?? throw _http.InvalidJson(uri, "no MediaContainer"), total);
    }

    /// <summary>Sends a write; PMS answers with an empty body or an empty container, which is not read.</summary>
    public async Task SendAsync(HttpMethod method, string relative, CancellationToken cancellationToken)
    {
        using var request = _http.Request(method, relative);
        request.Options.Set(BackendRequest.Retry, false);
        using var response = await _http.SendAsync(request, cancellationToken);
    }
}

internal sealed record PlexPage(PlexContainerDto Container, int? HeaderTotal)
{
    public int Total => HeaderTotal ?? Container.TotalSize ?? Container.Metadata?.Count ?? 0;
}
