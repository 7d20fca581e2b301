using WatchState.Domain;

namespace WatchState.Backends;

/// <summary>What the sync engine needs from one configured media server, whatever its kind.</summary>
public interface IMediaServer
{
    /// <summary>The backend's name in <c>servers.yaml</c>.</summary>
    string Name { get; }

    /// <summary>Reads the server's identity and version; also proves that the URL and token work.</summary>
    Task<ServerInfo> GetInfoAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RemoteUser>> GetUsersAsync(CancellationToken cancellationToken);

    /// <summary>Every library of the configured user, supported or not (see <see cref="Library.Kind"/>).</summary>
    Task<IReadOnlyList<Library>> GetLibrariesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Streams the movies and episodes of one library, page by page, already mapped to observations.
    /// Pages are produced lazily so the whole library is never held in memory.
    /// </summary>
    IAsyncEnumerable<ItemPage> StreamItemsAsync(Library library, CancellationToken cancellationToken);
}

public sealed record ServerInfo(string Id, string Name, string Version, string Product)
{
    /// <summary>False when the server is too old for resume-position sync; <see cref="Warning"/> says why.</summary>
    public bool SupportsProgress { get; init; } = true;

    public string? Warning { get; init; }
}

public sealed record RemoteUser(string Id, string Name, bool IsAdmin)
{
    /// <summary>A second id some servers need to act as the user (Plex: the plex.tv account uuid).</summary>
    public string? Uuid { get; init; }

    /// <summary>How the user relates to the server, for display (e.g. "home", "shared").</summary>
    public string? Kind { get; init; }

    /// <summary>Acting as this user needs their PIN (a protected Plex Home profile).</summary>
    public bool NeedsPin { get; init; }

    /// <summary>The user's e-mail where the server gives one (plex.tv does; Jellyfin and Emby do not).</summary>
    public string? Email { get; init; }
}

public enum LibraryKind
{
    Movies,
    Shows,
    Mixed,
    Unsupported,
}

public sealed record Library(string Id, string Name, LibraryKind Kind, string? RawType);

/// <summary>One page of a library listing.</summary>
/// <param name="Items">Mapped movies and episodes (a multi-episode file yields one per episode).</param>
/// <param name="Skipped">Entries that could not be mapped, with why.</param>
/// <param name="Total">The library's total item count as the server reports it.</param>
public sealed record ItemPage(IReadOnlyList<Observation> Items, IReadOnlyList<SkippedItem> Skipped, int Total);

public sealed record SkippedItem(string RemoteId, string Title, string Reason);
