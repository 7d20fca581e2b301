using System.Globalization;
using WatchState.Backends.MediaBrowser;
using WatchState.Configuration;

namespace WatchState.Backends.Plex;

/// <summary>The <see cref="IMediaServer"/> for Plex Media Server. The token decides whose play state is read.</summary>
internal sealed partial class PlexClient
    : IMediaServer, IUserTokenIssuer, IPlayStateWriter, IIncrementalListing, IUserTokenLiveEventSource, IWebhookRegistrar
{
    /// <summary>Older servers hide items marked watched without prior progress from "continue watching".</summary>
    public static readonly Version MinimumProgressVersion = new(1, 41, 6, 9606);

    private const string Product = "Plex Media Server";

    private readonly BackendConfig _config;
    private readonly PlexApi _api;
    private readonly PlexLibraryReader _reader;
    private readonly PlexUserDirectory _users;
    private readonly ILogger<PlexClient> _logger;
    private readonly PlexWriter _writer;
    private readonly PlexTvApi _plexTv;
    private readonly PlexHttp _http;
    private readonly ClientSettings _settings;
    private readonly PlexMapper _mapper;
    private readonly TimeProvider _time;

    public PlexClient(
        BackendConfig config, ClientSettings settings, PlexHttp http, TimeProvider time, ILogger<PlexClient> logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        _config = config;
        _logger = logger;
        _api = new PlexApi(http.Server, config.Url, config.Name, config.Token, settings.Timeout);
        _plexTv = new PlexTvApi(http.PlexTv, http.PlexTvUrl, config.Name, settings.Timeout);
        _users = new PlexUserDirectory(_plexTv, config.Name);
        _http = http;
        _settings = settings;
        _time = time;
        _mapper = new PlexMapper(config.Name, settings.MaxEpisodeRange);
        _reader = new PlexLibraryReader(_api, _mapper, settings.PageSize, time, logger);
        _writer = new PlexWriter(_api, _mapper, SessionUsers(config), time);
    }

    public string Name => _config.Name;

    public Task<WebhookRegistration> RegisterWebhookAsync(Uri url, bool dryRun, CancellationToken cancellationToken) =>
        new PlexWebhookRegistration(_plexTv, AdminToken).RegisterAsync(url, dryRun, cancellationToken);

    public async Task<ServerInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        var dto = await _api.GetAsync(PlexPaths.ServerInfo, cancellationToken);
        if (string.IsNullOrEmpty(dto.MachineIdentifier))
        {
            throw new PlexException(Name, "answered with invalid JSON at /: no machineIdentifier");
        }

        return Assess(new ServerInfo(dto.MachineIdentifier, dto.FriendlyName ?? string.Empty, dto.Version ?? string.Empty, Product));
    }

    /// <summary>Adds the old-version warning; an unreadable version is given the benefit of the doubt.</summary>
    internal static ServerInfo Assess(ServerInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!MediaBrowserVersion.TryParse(info.Version, out var version) || version >= MinimumProgressVersion)
        {
            return info;
        }

        return info with
        {
            Warning = string.Create(
                CultureInfo.InvariantCulture,
                $"Plex {info.Version} is older than {MinimumProgressVersion}: items marked watched without prior progress do not show in continue watching"),
        };
    }

    /// <summary>
    /// The owner, home profiles and shared users from plex.tv (ids are plex.tv account ids). Needs the owner's
    /// token; when plex.tv cannot be reached, falls back to the server's own account list (the owner is id 1 there).
    /// </summary>
    /// <exception cref="UsersUnavailableException">The token is limited (not the server owner's).</exception>
    public async Task<IReadOnlyList<RemoteUser>> GetUsersAsync(CancellationToken cancellationToken)
    {
        var machineIdentifier = await MachineIdentifierAsync(cancellationToken);
        var scope = await _users.GetScopeAsync(AdminToken, machineIdentifier, cancellationToken);
        switch (scope.Kind)
        {
            case TokenScopeKind.Limited:
                throw new UsersUnavailableException(
                    Name, $"this is a limited token ({scope.Reason}): it cannot list the server's users; give the plex.tv user id by hand");
            case TokenScopeKind.Unknown:
                LogPlexTvUnavailable(_logger, Name, scope.Reason ?? "unknown reason");
                return await GetLocalAccountsAsync(cancellationToken);
            default:
                return await _users.ListAsync(AdminToken, machineIdentifier, cancellationToken);
        }
    }

    public async Task<TokenScope> GetTokenScopeAsync(CancellationToken cancellationToken) =>
        await _users.GetScopeAsync(AdminToken, await MachineIdentifierAsync(cancellationToken), cancellationToken);

    public async Task<UserAccess> GetUserAccessAsync(RemoteUser user, string? pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var machineIdentifier = await MachineIdentifierAsync(cancellationToken);
        var token = await _users.GetTokenAsync(AdminToken, machineIdentifier, user, pin, cancellationToken);
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { [PlexOptions.UserName] = user.Name };
        if (user.Uuid is not null)
        {
            options[PlexOptions.UserUuid] = user.Uuid;
        }

        if (!user.IsAdmin)
        {
            // Kept so the user's token can be fetched again when it is refreshed or revoked.
            options[PlexOptions.AdminToken] = AdminToken;
        }

        if (user.Kind == PlexUserDirectory.SharedKind)
        {
            options[PlexOptions.ExternalUser] = "true";
        }

        if (!string.IsNullOrEmpty(pin))
        {
            options[PlexOptions.UserPin] = pin;
        }

        return new UserAccess(token, options);
    }

    /// <summary>
    /// The ids the configured user's sessions may carry. The owner is stored by plex.tv id but the server lists the
    /// owner's sessions under local account 1; a backend with its own user token (ADMIN_TOKEN kept, or a limited
    /// token) is never the owner.
    /// </summary>
    internal static IReadOnlySet<string> SessionUsers(BackendConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(config.User))
        {
            return ids;
        }

        ids.Add(config.User);
        var actsAsOwner = PlexOptions.Find(config.Options, PlexOptions.AdminToken) is null
            && PlexOptions.Find(config.Options, PlexOptions.LimitedToken) is not ("true" or "1");
        if (actsAsOwner)
        {
            ids.Add("1");
        }

        return ids;
    }

    /// <summary>
    /// Whose sessions live events report: <see cref="SessionUsers"/>, or the owner (local account 1) when the backend
    /// names no user but acts as the owner, as the webhook router assumes too.
    /// </summary>
    internal static IReadOnlySet<string> LiveUsers(BackendConfig config)
    {
        var users = SessionUsers(config);
        var owner = PlexOptions.Find(config.Options, PlexOptions.AdminToken) is null
            && !string.Equals(PlexOptions.Find(config.Options, PlexOptions.LimitedToken), "true", StringComparison.OrdinalIgnoreCase);
        return users.Count == 0 && owner ? new HashSet<string>(StringComparer.Ordinal) { "1" } : users;
    }

    /// <inheritdoc cref="PlexLiveEvents"/>
    public IAsyncEnumerable<LiveEvent> ListenAsync(CancellationToken cancellationToken) =>
        ListenAsync(new Dictionary<string, string>(StringComparer.Ordinal), cancellationToken);

    /// <summary>
    /// Only the backend's own user: without a user's token their items cannot be read as them (the owner's token
    /// sees the owner's play state), so their events would carry someone else's state.
    /// </summary>
    public IAsyncEnumerable<LiveEvent> ListenAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        ListenAsync(cancellationToken);

    /// <summary>
    /// One socket with the owner's token for the backend's user and every user in <paramref name="tokensByUser"/>;
    /// each user's items are re-read with their own token.
    /// </summary>
    public IAsyncEnumerable<LiveEvent> ListenAsync(IReadOnlyDictionary<string, string> tokensByUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokensByUser);

        // The owner's token hears every session; a user's own token may not hear even its own.
        var liveToken = PlexOptions.Find(_config.Options, PlexOptions.AdminToken) ?? _config.Token;
        var sessions = liveToken == _config.Token ? _api : Api(liveToken);
        var liveUsers = LiveUsers(_config);
        var others = tokensByUser.Keys.Where(u => !liveUsers.Contains(u)).ToHashSet(StringComparer.Ordinal);
        var writers = new Dictionary<string, PlexWriter>(StringComparer.Ordinal);
        PlexWriter ItemsOf(string? user)
        {
            if (user is null || !tokensByUser.TryGetValue(user, out var token))
            {
                return _writer;
            }

            if (!writers.TryGetValue(user, out var writer))
            {
                writer = new PlexWriter(Api(token), _mapper, new HashSet<string>(StringComparer.Ordinal) { user }, _time);
                writers[user] = writer;
            }

            return writer;
        }

        return new PlexLiveEvents(
            _config.Name,
            _config.Url,
            liveToken,
            _settings.Timeout,
            () => new PlexLiveTranslator(_config.Name, sessions, ItemsOf, liveUsers, others, _time, _logger),
            _logger)
        .ListenAsync(cancellationToken);
    }

    private PlexApi Api(string token) => new(_http.Server, _config.Url, _config.Name, token, _settings.Timeout);

    private string AdminToken => PlexOptions.Find(_config.Options, PlexOptions.AdminToken) ?? _config.Token;

    private async Task<string> MachineIdentifierAsync(CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(_config.Uuid) ? (await GetInfoAsync(cancellationToken)).Id : _config.Uuid;

    private async Task<IReadOnlyList<RemoteUser>> GetLocalAccountsAsync(CancellationToken cancellationToken)
    {
        var dto = await _api.GetAsync(PlexPaths.Accounts, cancellationToken);
        return (dto.Account ?? [])
            .Where(a => a.Id is > 0)
            .Select(a =>
            {
                var id = a.Id!.Value.ToString(CultureInfo.InvariantCulture);
                return new RemoteUser(id, string.IsNullOrEmpty(a.Name) ? id : a.Name, a.Id == 1) { Kind = "local account" };
            })
            .ToList();
    }

    public async Task<IReadOnlyList<Library>> GetLibrariesAsync(CancellationToken cancellationToken)
    {
        var dto = await _api.GetAsync(PlexPaths.Sections, cancellationToken);
        return (dto.Directory ?? [])
            .Where(d => !string.IsNullOrEmpty(d.Key))
            .Select(d => new Library(d.Key!, d.Title ?? d.Key!, KindOf(d.Type), d.Type))
            .ToList();
    }

    public IAsyncEnumerable<ItemPage> StreamItemsAsync(Library library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        return _reader.ReadAsync(library, since: null, cancellationToken);
    }

    public Task<IReadOnlyList<Domain.Observation>> GetItemsAsync(IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken) =>
        _writer.GetItemsAsync(remoteIds, cancellationToken);

    public Task<IReadOnlySet<string>> GetPlayingAsync(CancellationToken cancellationToken) => _writer.GetPlayingAsync(cancellationToken);

    /// <inheritdoc cref="PlexWriter.WriteAsync"/>
    public Task WriteAsync(RemoteWrite write, CancellationToken cancellationToken) => _writer.WriteAsync(write, cancellationToken);

    public IAsyncEnumerable<ItemPage> StreamChangedItemsAsync(Library library, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        return _reader.ReadAsync(library, since, cancellationToken);
    }

    public string? IncrementalBlindSpot => "Plex shows no trace of an unwatch, so unwatches arrive with the next full import";

    internal static LibraryKind KindOf(string? type) => type switch
    {
        "movie" => LibraryKind.Movies,
        "show" => LibraryKind.Shows,
        _ => LibraryKind.Unsupported,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend}: {Reason}; listing the server's local accounts instead")]
    private static partial void LogPlexTvUnavailable(ILogger logger, string backend, string reason);
}
