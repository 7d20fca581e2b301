using System.Globalization;
using WatchState.Backends.MediaBrowser;
using WatchState.Configuration;

namespace WatchState.Backends.Plex;

/// <summary>The <see cref="IMediaServer"/> for Plex Media Server. The token decides whose play state is read.</summary>
internal sealed class PlexClient : IMediaServer, IIncrementalListing
{
    /// <summary>Older servers hide items marked watched without prior progress from "continue watching".</summary>
    public static readonly Version MinimumProgressVersion = new(1, 41, 6, 9606);

    private const string Product = "Plex Media Server";

    private readonly BackendConfig _config;
    private readonly PlexApi _api;
    private readonly PlexLibraryReader _reader;

    public PlexClient(BackendConfig config, ClientSettings settings, HttpClient http, TimeProvider time, ILogger<PlexClient> logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        _config = config;
        _api = new PlexApi(http, config.Url, config.Name, config.Token, settings.Timeout);
        var mapper = new PlexMapper(config.Name, settings.MaxEpisodeRange);
        _reader = new PlexLibraryReader(_api, mapper, settings.PageSize, time, logger);
    }

    public string Name => _config.Name;

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

    /// <summary>The server's local accounts; the owner is id 1. Home and shared users need plex.tv (not here yet).</summary>
    public async Task<IReadOnlyList<RemoteUser>> GetUsersAsync(CancellationToken cancellationToken)
    {
        var dto = await _api.GetAsync(PlexPaths.Accounts, cancellationToken);
        return (dto.Account ?? [])
            .Where(a => a.Id is > 0)
            .Select(a =>
            {
                var id = a.Id!.Value.ToString(CultureInfo.InvariantCulture);
                return new RemoteUser(id, string.IsNullOrEmpty(a.Name) ? id : a.Name, a.Id == 1);
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
}
