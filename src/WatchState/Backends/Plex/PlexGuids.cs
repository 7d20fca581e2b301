using WatchState.Domain;

namespace WatchState.Backends.Plex;

/// <summary>
/// The one place Plex GUIDs become external ids, so the domain parser (<c>ExternalIds.FromPlexGuids</c>, being
/// written on another branch) replaces this body without touching the mapper.
/// </summary>
internal static class PlexGuids
{
    private const string LegacyPrefix = "com.plexapp.agents.";

    /// <summary>Ids from the <c>Guid[]</c> array, or from a legacy agent <c>guid</c> when the array is absent.</summary>
    public static IReadOnlyList<ExternalId> Parse(string? guid, IEnumerable<string>? guidArray)
    {
        var ids = new List<ExternalId>();
        foreach (var text in guidArray ?? [])
        {
            if (Split(text) is var (scheme, value) && ExternalIds.Create(scheme, value) is { } id)
            {
                ids.Add(id);
            }
        }

        if (ids.Count == 0 && Legacy(guid) is { } legacy)
        {
            ids.Add(legacy);
        }

        return ExternalIds.Order(ids);
    }

    /// <summary><c>com.plexapp.agents.imdb://tt0133093?lang=en</c> → imdb; episode forms with a path are not item ids.</summary>
    private static ExternalId? Legacy(string? guid)
    {
        if (guid is null || !guid.StartsWith(LegacyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Split(guid[LegacyPrefix.Length..]) is not var (agent, value))
        {
            return null;
        }

        var query = value.IndexOf('?', StringComparison.Ordinal);
        value = query < 0 ? value : value[..query];
        if (value.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var source = agent.ToLowerInvariant() switch
        {
            "xbmcnfo" => value.StartsWith("tt", StringComparison.OrdinalIgnoreCase) ? ExternalIds.Imdb : ExternalIds.Tmdb,
            "xbmcnfotv" => ExternalIds.Tvdb,
            "imdb" or "themoviedb" or "thetvdb" or "tvmaze" => agent,
            _ => null,
        };
        return source is null ? null : ExternalIds.Create(source, value);
    }

    private static (string Scheme, string Value)? Split(string? text)
    {
        var separator = text?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        return separator <= 0 ? null : (text![..separator], text[(separator + 3)..]);
    }
}
