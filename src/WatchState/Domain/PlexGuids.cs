using System.Globalization;

namespace WatchState.Domain;

/// <summary>
/// Reads every external-id form Plex reports: the <c>Guid[]</c> entries sent with <c>includeGuids=1</c>
/// (<c>imdb://tt0133093</c>), legacy agent guids (<c>com.plexapp.agents.imdb://tt0133093?lang=en</c>, HAMA,
/// XBMCnfo, YouTube-Agent, CMDB) and NFO agent guids (<c>tv.plex.agents.nfo.movie://movie/imdb_tt1234567</c>).
/// Plex-internal and unmatched ids (<c>plex://</c>, <c>local://</c>, the <c>none</c> agents) carry no external id.
/// </summary>
public static class PlexGuids
{
    /// <summary>The source name for CMDB ids (a custom source, ranked after the well-known ones).</summary>
    public const string Cmdb = "cmdb";

    private const string LegacyPrefix = "com.plexapp.agents.";
    private const string NfoPrefix = "tv.plex.agents.nfo.";
    private const string SchemeSeparator = "://";

    // Plex can attach ids of any scheme; only these name a database the other servers also know.
    private static readonly string[] Recognised =
    [
        ExternalIds.Imdb, ExternalIds.Tmdb, ExternalIds.Tvdb, ExternalIds.TvMaze, ExternalIds.TvRage,
        ExternalIds.AniDb, ExternalIds.YouTube, Cmdb,
    ];

    /// <summary>
    /// The external ids of one Plex item from its single <c>guid</c> and its <c>Guid[]</c> entries, validated and
    /// ordered as <see cref="ExternalIds.FromProviderIds"/> does. When Plex reports two ids for one source the
    /// smaller numeric one is kept (for imdb the number after <c>tt</c>); otherwise the first one given, reading
    /// <paramref name="plexGuid"/> before the array. Legacy episode and season guids (<c>…://81189/1/3</c>) are not
    /// ids of the item and are skipped; see <see cref="ParsePlexEpisodeGuid"/>.
    /// </summary>
    public static IReadOnlyList<ExternalId> FromPlexGuids(string? plexGuid, IEnumerable<string>? guidArray)
    {
        var ids = new List<ExternalId>();
        Keep(ids, ParsePlexGuid(plexGuid));
        if (guidArray is not null)
        {
            foreach (var entry in guidArray)
            {
                Keep(ids, ParsePlexGuid(entry));
            }
        }

        return ExternalIds.Order(ids);
    }

    /// <summary>
    /// The external id one Plex guid names, or null when it names none: Plex-internal, local, unmatched, unknown
    /// agents, malformed values, and legacy guids pointing below the item (<c>…://81189/1/3</c>).
    /// </summary>
    public static ExternalId? ParsePlexGuid(string? plexGuid)
    {
        if (!TrySplit(plexGuid, out var scheme, out var rest))
        {
            return null;
        }

        if (scheme.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            return rest.Contains('/', StringComparison.Ordinal) ? null : FromLegacy(scheme[LegacyPrefix.Length..], rest);
        }

        if (scheme.StartsWith(NfoPrefix, StringComparison.Ordinal))
        {
            return FromNfo(rest);
        }

        return Array.IndexOf(Recognised, scheme) >= 0 && !rest.Contains('/', StringComparison.Ordinal)
            ? ExternalIds.Create(scheme, rest)
            : null;
    }

    /// <summary>
    /// Recognises a legacy agent episode guid, <c>com.plexapp.agents.thetvdb://81189/1/3?lang=en</c> → show ids
    /// <c>[tvdb 81189]</c>, season 1, episode 3, so a relative episode key can be built from the show. Null for any
    /// other form, including a legacy guid whose show part is not a valid id.
    /// </summary>
    public static PlexEpisodeReference? ParsePlexEpisodeGuid(string? plexGuid)
    {
        if (!TrySplit(plexGuid, out var scheme, out var rest) || !scheme.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = rest.Split('/');
        if (parts.Length != 3 || !TryNumber(parts[1], out var season) || !TryNumber(parts[2], out var episode))
        {
            return null;
        }

        return FromLegacy(scheme[LegacyPrefix.Length..], parts[0]) is { } show
            ? new PlexEpisodeReference([show], season, episode)
            : null;
    }

    private static bool TrySplit(string? guid, out string scheme, out string rest)
    {
        scheme = rest = string.Empty;
        var text = guid?.Trim();
        var separator = text is null ? -1 : text.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            return false;
        }

        scheme = text![..separator].ToLowerInvariant();
        rest = text[(separator + SchemeSeparator.Length)..];
        // Legacy agents append the metadata language (?lang=en); it is not part of the id.
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            rest = rest[..query];
        }

        return rest.Length > 0;
    }

    private static ExternalId? FromLegacy(string agent, string value) => agent switch
    {
        "imdb" => ExternalIds.Create(ExternalIds.Imdb, value),
        "tmdb" or "themoviedb" => ExternalIds.Create(ExternalIds.Tmdb, value),
        "tvdb" or "thetvdb" or "xbmcnfotv" => ExternalIds.Create(ExternalIds.Tvdb, value),
        // XBMCnfo writes whatever the NFO held: imdb ids start with tt, anything else is taken as tmdb.
        "xbmcnfo" => ExternalIds.Create(
            value.StartsWith("tt", StringComparison.OrdinalIgnoreCase) ? ExternalIds.Imdb : ExternalIds.Tmdb, value),
        "hama" => FromHama(value),
        "ytinforeader" => ExternalIds.Create(ExternalIds.YouTube, value),
        "cmdb" => ExternalIds.Create(Cmdb, value),
        _ => null,
    };

    // HAMA writes "<source><mode digit?>-<id>": anidb-123, anidb2-123, tvdb-81189, tvdb3-81189, tsdb-1399 (a tmdb
    // series id), tmdb-603, imdb-tt0133093. The digit selects HAMA's episode-numbering mode, not another database.
    private static ExternalId? FromHama(string value)
    {
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0)
        {
            return null;
        }

        var prefix = value[..dash].ToLowerInvariant();
        if (prefix.Length > 1 && char.IsAsciiDigit(prefix[^1]))
        {
            prefix = prefix[..^1];
        }

        var source = prefix switch
        {
            "anidb" => ExternalIds.AniDb,
            "tvdb" => ExternalIds.Tvdb,
            "tmdb" or "tsdb" => ExternalIds.Tmdb,
            "imdb" => ExternalIds.Imdb,
            _ => null,
        };
        return source is null ? null : ExternalIds.Create(source, value[(dash + 1)..]);
    }

    // "<kind>/<source>_<id>", e.g. movie/imdb_tt1234567, show/tvdb_121361, movie/youtube_dQw4w9WgXcQ.
    private static ExternalId? FromNfo(string rest)
    {
        var parts = rest.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            return null;
        }

        // Split at the first underscore only: YouTube ids may contain underscores themselves.
        var underscore = parts[1].IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0)
        {
            return null;
        }

        var source = ExternalIds.NormaliseSource(parts[1][..underscore]);
        return source is not null && Array.IndexOf(Recognised, source) >= 0
            ? ExternalIds.Create(source, parts[1][(underscore + 1)..])
            : null;
    }

    private static void Keep(List<ExternalId> ids, ExternalId? candidate)
    {
        if (candidate is not { } id)
        {
            return;
        }

        var index = ids.FindIndex(existing => existing.Source == id.Source);
        if (index < 0)
        {
            ids.Add(id);
        }
        else if (IsSmallerNumber(id.Value, ids[index].Value))
        {
            ids[index] = id;
        }
    }

    private static bool IsSmallerNumber(string candidate, string current)
    {
        var a = NumberPart(candidate);
        var b = NumberPart(current);
        if (a.IsEmpty || b.IsEmpty)
        {
            return false;
        }

        // Compare as digit strings so ids longer than any integer type still order correctly.
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length < b.Length : a.SequenceCompareTo(b) < 0;
    }

    private static ReadOnlySpan<char> NumberPart(string value)
    {
        var span = value.AsSpan();
        if (span.StartsWith("tt", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return [];
            }
        }

        return span;
    }

    private static bool TryNumber(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}
