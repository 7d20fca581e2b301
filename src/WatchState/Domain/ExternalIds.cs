namespace WatchState.Domain;

/// <summary>Turns the id maps the servers send into clean, ordered <see cref="ExternalId"/> lists.</summary>
public static class ExternalIds
{
    public const string Imdb = "imdb";
    public const string Tvdb = "tvdb";
    public const string Tmdb = "tmdb";
    public const string TvMaze = "tvmaze";
    public const string TvRage = "tvrage";
    public const string AniDb = "anidb";
    public const string YouTube = "youtube";

    // The order decides which id wins when two items disagree, so the most widely shared ids come first.
    private static readonly string[] Priority = [Imdb, Tvdb, Tmdb, TvMaze, TvRage, AniDb, YouTube];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["imdb"] = Imdb,
        ["tvdb"] = Tvdb,
        ["thetvdb"] = Tvdb,
        ["tmdb"] = Tmdb,
        ["moviedb"] = Tmdb,
        ["themoviedb"] = Tmdb,
        ["tvmaze"] = TvMaze,
        ["tvrage"] = TvRage,
        ["anidb"] = AniDb,
        ["youtube"] = YouTube,
    };

    // The Jellyfin Webhook plugin flattens ProviderIds into keys such as "Provider_imdb".
    private const string WebhookPrefix = "provider_";

    /// <summary>
    /// Parses a Jellyfin/Emby <c>ProviderIds</c> map: normalises keys, drops empty, malformed and collection ids,
    /// orders by source priority and keeps one id per source (the first one given).
    /// </summary>
    public static IReadOnlyList<ExternalId> FromProviderIds(IEnumerable<KeyValuePair<string, string?>> providerIds)
    {
        ArgumentNullException.ThrowIfNull(providerIds);
        var ids = new List<ExternalId>();
        foreach (var (key, value) in providerIds)
        {
            if (key is not null && Create(key, value) is { } id)
            {
                ids.Add(id);
            }
        }

        return Order(ids);
    }

    /// <summary>
    /// The normalised source name for a provider key (<c>"Tv Maze"</c> → <c>tvmaze</c>, <c>"TheMovieDb"</c> →
    /// <c>tmdb</c>, <c>"Provider_imdb"</c> → <c>imdb</c>); unknown keys become lower-case custom sources.
    /// Null when the key does not name an item id (empty, or a collection id such as <c>TmdbCollection</c>).
    /// </summary>
    public static string? NormaliseSource(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.Trim();
        if (trimmed.Length > WebhookPrefix.Length && trimmed.StartsWith(WebhookPrefix, StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[WebhookPrefix.Length..];
        }

        var compact = Compact(trimmed);
        if (compact.Length == 0 || compact.EndsWith("collection", StringComparison.Ordinal))
        {
            return null;
        }

        return Aliases.TryGetValue(compact, out var known) ? known : compact;
    }

    /// <summary>
    /// One id from a provider key and value, or null when the key is not an item id or the value is empty or
    /// malformed for its source (imdb must be <c>tt</c> + digits; tmdb, tvdb, tvmaze, tvrage and anidb digits).
    /// </summary>
    public static ExternalId? Create(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var source = NormaliseSource(key);
        var normalised = source is null ? null : NormaliseValue(source, value);
        return normalised is null ? null : new ExternalId(source!, normalised);
    }

    /// <summary>The value as stored for a source, or null when it is empty or malformed for that source.</summary>
    public static string? NormaliseValue(string source, string? value)
    {
        ArgumentNullException.ThrowIfNull(source);
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }

        return source switch
        {
            Imdb => IsImdb(v) ? string.Concat("tt", v.AsSpan(2)) : null,
            Tvdb or Tmdb or TvMaze or TvRage or AniDb => IsDigits(v) ? v : null,
            _ => v,
        };
    }

    /// <summary>Sorts by source priority (known sources first, custom ones by name) and keeps the first id per source.</summary>
    public static IReadOnlyList<ExternalId> Order(IEnumerable<ExternalId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ExternalId>();
        // OrderBy is stable, so "first one given" survives the sort.
        foreach (var id in ids.OrderBy(i => Rank(i.Source)).ThenBy(i => i.Source, StringComparer.Ordinal))
        {
            if (seen.Add(id.Source))
            {
                result.Add(id);
            }
        }

        return result;
    }

    /// <summary>
    /// True when ids of this source compare without regard to case (the well-known database ids); custom sources
    /// and YouTube ids are compared exactly.
    /// </summary>
    public static bool IsCaseInsensitive(string source) =>
        source is Imdb or Tvdb or Tmdb or TvMaze or TvRage or AniDb;

    private static string Compact(string key)
    {
        Span<char> buffer = key.Length <= 64 ? stackalloc char[key.Length] : new char[key.Length];
        var n = 0;
        foreach (var c in key)
        {
            if (c is not ('_' or '-') && !char.IsWhiteSpace(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    private static int Rank(string source)
    {
        var index = Array.IndexOf(Priority, source);
        return index < 0 ? Priority.Length : index;
    }

    private static bool IsImdb(string v) =>
        v.Length > 2 && (v[0] is 't' or 'T') && (v[1] is 't' or 'T') && IsDigits(v.AsSpan(2));

    private static bool IsDigits(ReadOnlySpan<char> v)
    {
        if (v.IsEmpty)
        {
            return false;
        }

        foreach (var c in v)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
