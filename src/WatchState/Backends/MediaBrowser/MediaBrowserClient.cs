using WatchState.Configuration;

namespace WatchState.Backends.MediaBrowser;

/// <summary>The <see cref="IMediaServer"/> for Jellyfin and Emby; the flavor carries what differs between them.</summary>
internal sealed class MediaBrowserClient : IMediaServer, IPlayStateWriter, IIncrementalListing, IMultiUserLiveEventSource, IWebhookRegistrar
{
    private readonly BackendConfig _config;
    private readonly IMediaBrowserFlavor _flavor;
    private readonly MediaBrowserApi _api;
    private readonly MediaBrowserLibraryReader _reader;
    private readonly MediaBrowserMapper _mapper;
    private readonly TimeProvider _time;
    private readonly MediaBrowserClientIdentity _identity;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly MediaBrowserLiveRetries _liveRetries = new();

    public MediaBrowserClient(
        BackendConfig config,
        IMediaBrowserFlavor flavor,
        ClientSettings settings,
        HttpClient http,
        TimeProvider time,
        MediaBrowserClientIdentity identity,
        ILogger<MediaBrowserClient> logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        _config = config;
        _flavor = flavor;
        _api = new MediaBrowserApi(http, config.Url, config.Name, config.Token, settings.Timeout);
        _mapper = new MediaBrowserMapper(config.Name, settings.MaxEpisodeRange);
        _time = time;
        _identity = identity;
        _logger = logger;
        _reader = new MediaBrowserLibraryReader(_api, _mapper, settings.PageSize, time, logger);
        _timeout = settings.Timeout;
    }

    public string Name => _config.Name;

    public async Task<ServerInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        var dto = await _api.GetAsync(MediaBrowserPaths.SystemInfo, MediaBrowserJsonContext.Default.SystemInfoDto, cancellationToken);
        if (string.IsNullOrEmpty(dto.Id))
        {
            throw new MediaBrowserException(Name, $"answered with invalid JSON at /{MediaBrowserPaths.SystemInfo}: no server Id");
        }

        var info = new ServerInfo(
            dto.Id,
            dto.ServerName ?? string.Empty,
            dto.Version ?? string.Empty,
            string.IsNullOrEmpty(dto.ProductName) ? _flavor.DefaultProductName : dto.ProductName);
        return _flavor.Assess(info);
    }

    public async Task<IReadOnlyList<RemoteUser>> GetUsersAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<UserDto> users;
        try
        {
            users = await _api.GetAsync(MediaBrowserPaths.Users, MediaBrowserJsonContext.Default.IReadOnlyListUserDto, cancellationToken);
        }
        catch (MediaBrowserException ex) when (ex.StatusCode == 403 && !string.IsNullOrEmpty(_config.User))
        {
            // A non-admin user's token may not list users but can always read itself.
            var self = await _api.GetAsync(MediaBrowserPaths.User(_config.User), MediaBrowserJsonContext.Default.UserDto, cancellationToken);
            users = [self];
        }

        // A null entry in the list is a broken answer's doing, not a user.
        return users
            .Where(u => u is not null && !string.IsNullOrEmpty(u.Id))
            .Select(u => new RemoteUser(u.Id!, u.Name ?? u.Id!, u.Policy?.IsAdministrator ?? false))
            .ToList();
    }

    public async Task<IReadOnlyList<Library>> GetLibrariesAsync(CancellationToken cancellationToken)
    {
        var views = await _api.GetAsync(MediaBrowserPaths.Views(RequireUser()), MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);
        return (views.Items ?? [])
            .Where(v => !string.IsNullOrEmpty(v.Id))
            .Select(v => new Library(v.Id!, v.Name ?? v.Id!, KindOf(v), v.CollectionType ?? v.Type))
            .ToList();
    }

    public IAsyncEnumerable<ItemPage> StreamItemsAsync(Library library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        return _reader.ReadAsync(RequireUser(), library, since: null, cancellationToken);
    }

    public Task<IReadOnlyList<Domain.Observation>> GetItemsAsync(IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken) =>
        Writer().GetItemsAsync(remoteIds, cancellationToken);

    public IAsyncEnumerable<LiveEvent> ListenAsync(CancellationToken cancellationToken) => ListenAsync([RequireUser()], cancellationToken);

    public IAsyncEnumerable<LiveEvent> ListenAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var users = userIds.Count == 0 ? [RequireUser()] : userIds;
        return new MediaBrowserLiveEvents(
            new MediaBrowserLiveEvents.Target(Name, _config.Url, _config.Token, users[0], _flavor) { Users = users, ConnectTimeout = _timeout },
            _identity,
            (user, ids, ct) => new MediaBrowserWriter(_api, _mapper, _flavor, user, _time).GetItemsAsync(ids, ct),
            _time,
            _logger)
        { Retries = _liveRetries }
        .ListenAsync(cancellationToken);
    }

    public Task<IReadOnlySet<string>> GetPlayingAsync(CancellationToken cancellationToken) => Writer().GetPlayingAsync(cancellationToken);

    public Task WriteAsync(RemoteWrite write, CancellationToken cancellationToken) => Writer().WriteAsync(write, cancellationToken);

    public Task<WebhookRegistration> RegisterWebhookAsync(Uri url, bool dryRun, CancellationToken cancellationToken) =>
        new MediaBrowserWebhookRegistration(_api, _flavor.Type, _config.User).RegisterAsync(url, dryRun, cancellationToken);

    public IAsyncEnumerable<ItemPage> StreamChangedItemsAsync(Library library, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        return _reader.ReadAsync(RequireUser(), library, since, cancellationToken);
    }

    // Jellyfin stamps no date on "mark unplayed" or on a resume point set without playing, and its save-date
    // filter ignores user data; Emby's MinDateLastSavedForUser counts the user's own saves.
    public string? IncrementalBlindSpot => _flavor.Type == BackendType.Jellyfin
        ? "Jellyfin dates neither an unwatch nor a resume point set without playing, so those arrive with the next full import"
        : null;

    internal static LibraryKind KindOf(ItemDto view)
    {
        var collection = view.CollectionType;
        if (string.IsNullOrEmpty(collection) || string.Equals(collection, "mixed", StringComparison.OrdinalIgnoreCase))
        {
            // A "mixed movies and shows" library has no collection type; it is still a real library.
            return string.Equals(view.Type, "CollectionFolder", StringComparison.OrdinalIgnoreCase) ? LibraryKind.Mixed : LibraryKind.Unsupported;
        }

        if (string.Equals(collection, "movies", StringComparison.OrdinalIgnoreCase))
        {
            return LibraryKind.Movies;
        }

        return string.Equals(collection, "tvshows", StringComparison.OrdinalIgnoreCase) ? LibraryKind.Shows : LibraryKind.Unsupported;
    }

    private MediaBrowserWriter Writer() => new(_api, _mapper, _flavor, RequireUser(), _time);

    private string RequireUser() =>
        string.IsNullOrEmpty(_config.User)
            ? throw new MediaBrowserException(Name, "no user configured: set 'user' to the id of the user whose play state is synced")
            : _config.User;
}
