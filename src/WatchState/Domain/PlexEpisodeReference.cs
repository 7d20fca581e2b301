namespace WatchState.Domain;

/// <summary>
/// What a legacy Plex episode guid such as <c>com.plexapp.agents.thetvdb://81189/1/3?lang=en</c> says: the show's
/// ids and the episode's place under it. The ids belong to the show, never to the episode itself.
/// </summary>
/// <param name="ShowIds">The show's ids (for example <c>tvdb</c> <c>81189</c>).</param>
/// <param name="Season">Season number (0 for specials).</param>
/// <param name="Episode">Episode number within the season.</param>
public sealed record PlexEpisodeReference(IReadOnlyList<ExternalId> ShowIds, int Season, int Episode);
