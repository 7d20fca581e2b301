using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using WatchState.Backends.Http;

namespace WatchState.Backends.Plex;

/// <summary>
/// The plex.tv calls a sync tool needs: a server's users and each one's own token for it. Failures leave as a
/// <see cref="PlexException"/> that names the backend and says that plex.tv (not the server) failed.
/// </summary>
/// <param name="baseUrl"><c>WS_PLEXTV_URL</c>: https://plex.tv, or a stand-in such as the Simulator.</param>
internal sealed class PlexTvApi(HttpClient http, Uri baseUrl, string backend, TimeSpan attemptTimeout)
{
    public const string HttpClientName = "WatchState.PlexTv";
    public static readonly Uri DefaultBaseUrl = new("https://plex.tv");

    // plex.tv serves profile switching from its clients host; a stand-in serves everything from one address.
    private readonly Uri _clientsUrl = baseUrl.Host == DefaultBaseUrl.Host ? new Uri("https://clients.plex.tv") : baseUrl;

    public Task<PlexTvHomeDto> GetHomeAsync(string token, CancellationToken cancellationToken) =>
        GetJsonAsync(token, "api/v2/home/users/", PlexTvJsonContext.Default.PlexTvHomeDto, cancellationToken);

    public Task<IReadOnlyList<PlexTvResourceDto>> GetResourcesAsync(string token, CancellationToken cancellationToken) =>
        GetJsonAsync(
            token,
            "api/v2/resources?includeHttps=1&includeRelay=1&includeIPv6=1",
            PlexTvJsonContext.Default.IReadOnlyListPlexTvResourceDto,
            cancellationToken);

    public async Task<IReadOnlyList<PlexTvSharedUser>> GetSharedUsersAsync(string token, CancellationToken cancellationToken) =>
        PlexTvXml.Users(await GetXmlAsync(token, "api/users/", cancellationToken));

    public async Task<IReadOnlyList<PlexTvShare>> GetSharesAsync(string token, string machineIdentifier, CancellationToken cancellationToken) =>
        PlexTvXml.Shares(await GetXmlAsync(token, $"api/servers/{Uri.EscapeDataString(machineIdentifier)}/shared_servers", cancellationToken));

    /// <summary>Switches to a home profile; the answer's token only works on plex.tv (it then asks for a server token).</summary>
    /// <param name="pin">The profile's PIN when it is protected.</param>
    public async Task<string> SwitchAsync(string token, string uuid, string? pin, CancellationToken cancellationToken)
    {
        var api = For(token, _clientsUrl);
        var relative = $"api/v2/home/users/{Uri.EscapeDataString(uuid)}/switch";
        if (!string.IsNullOrEmpty(pin))
        {
            relative += "?pin=" + Uri.EscapeDataString(pin);
        }

        using var request = api.Request(HttpMethod.Post, relative);
        using var response = await api.SendAsync(request, cancellationToken, ReadErrorAsync);
        var account = await api.ReadAsync(response, PlexTvJsonContext.Default.PlexTvSwitchDto, cancellationToken);
        return string.IsNullOrEmpty(account.AuthToken)
            ? throw api.InvalidJson(request.RequestUri!, "no authToken in the switch answer")
            : account.AuthToken;
    }

    /// <summary>The account's webhook URLs (they fire for every server the account owns).</summary>
    public async Task<IReadOnlyList<string>> GetWebhooksAsync(string token, CancellationToken cancellationToken)
    {
        var api = For(token, _clientsUrl);
        using var request = api.Get(WebhooksPath);
        using var response = await api.SendAsync(request, cancellationToken, ReadErrorAsync);
        var hooks = await api.ReadAsync(response, PlexTvJsonContext.Default.IReadOnlyListPlexTvWebhookDto, cancellationToken);
        return [.. hooks.Select(h => h.Url).OfType<string>()];
    }

    /// <summary>Replaces the account's webhook list: plex.tv takes the whole list, not one URL.</summary>
    public async Task SetWebhooksAsync(string token, IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        var api = For(token, _clientsUrl);
        using var request = api.Request(HttpMethod.Post, WebhooksPath);
        request.Options.Set(BackendRequest.Retry, false);
        request.Content = new FormUrlEncodedContent(urls.Select(u => KeyValuePair.Create("urls[]", u)));
        using var response = await api.SendAsync(request, cancellationToken, ReadErrorAsync);
    }

    private const string WebhooksPath = "api/v2/user/webhooks";

    private async Task<T> GetJsonAsync<T>(
        string token, string relative, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var api = For(token, baseUrl);
        using var request = api.Get(relative);
        using var response = await api.SendAsync(request, cancellationToken, ReadErrorAsync);
        return await api.ReadAsync(response, type, cancellationToken);
    }

    private async Task<XElement> GetXmlAsync(string token, string relative, CancellationToken cancellationToken)
    {
        var api = For(token, baseUrl);
        using var request = api.Get(relative);
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("application/xml");
        using var response = await api.SendAsync(request, cancellationToken, ReadErrorAsync);
        using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bodyTimeout.CancelAfter(attemptTimeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(bodyTimeout.Token);
            return await PlexTvXml.LoadAsync(stream, bodyTimeout.Token);
        }
        catch (XmlException ex)
        {
            throw Error($"answered with invalid XML at {request.RequestUri!.AbsolutePath}: {ex.Message}", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Error(
                string.Create(CultureInfo.InvariantCulture, $"timed out after {attemptTimeout.TotalSeconds:0.###}s"), null, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw Error($"unreachable: connection lost while reading {request.RequestUri!.AbsolutePath}", null, ex);
        }
    }

    private BackendJsonHttp For(string token, Uri root) =>
        new(http, root, backend, token, attemptTimeout, Error);

    private PlexException Error(string problem, int? status, Exception? inner) =>
        new(backend, "plex.tv " + problem, status, inner);

    /// <summary>plex.tv explains a refusal as <c>{"errors":[{"code":1041,"message":"…"}]}</c>.</summary>
    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var errors = await JsonSerializer.DeserializeAsync(stream, PlexTvJsonContext.Default.PlexTvErrorsDto, cancellationToken);
        return errors?.Errors is [var first, ..] ? first.Message : null;
    }
}
