namespace WatchState.Simulator;

/// <summary>
/// The media a simulated server holds (movies, shows with episodes) and each user's play state of it.
/// Immutable: a running simulator copies it into its own state.
/// </summary>
public sealed class SimLibrary
{
    public SimLibrary(IEnumerable<SimMovie> movies, IEnumerable<SimShow> shows)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(shows);
        Movies = [.. movies];
        Shows = [.. shows];
    }

    public IReadOnlyList<SimMovie> Movies { get; }

    public IReadOnlyList<SimShow> Shows { get; }

    /// <summary>Movies plus episodes (the playable items).</summary>
    public int VideoCount => Movies.Count + Shows.Sum(s => s.Episodes.Count);

    /// <summary>Names of every user that has state somewhere in the library.</summary>
    public IEnumerable<string> UserNames =>
        Movies.SelectMany(m => m.States.Keys)
            .Concat(Shows.SelectMany(s => s.Episodes).SelectMany(e => e.States.Keys))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a library from a few readable lines.
    /// <code>
    /// # comment (anywhere outside quotes)
    /// movie "The Matrix" 1999 imdb=tt0133093 tmdb=603 played=2024-01-05T18:21:00Z
    /// movie "Inception" 2010 tmdb=27205 progress=45m added=2024-01-01T00:00:00Z
    /// movie "Home Video" 2020                        # no external ids
    /// movie "Old Thing" 1950 imdb=tt0000001 played    # played without LastPlayedDate (Jellyfin quirk)
    /// show "Breaking Bad" 2008 tvdb=81189
    ///   s01e01 tvdb=349232 played=2024-02-01T20:00:00Z
    ///   s01e02 @alice:played=2024-03-01T00:00:00Z     # state for another user
    ///   s01e03-e04                                    # multi-episode file (IndexNumberEnd)
    /// </code>
    /// <para>
    /// A line is <c>movie "Title" [year] attributes…</c>, <c>show "Title" [year] attributes…</c>, or an episode
    /// <c>sNNeMM[-eKK] attributes…</c> that belongs to the show above it. The year is a bare 4-digit number.
    /// </para>
    /// <para>
    /// Play-state attributes (the admin's, or another user's with an <c>@name:</c> prefix; the user is created):
    /// <c>played</c> (no date), <c>played=DATE</c> (played, LastPlayedDate = DATE), <c>progress=DURATION</c>
    /// (resume point), <c>lastplayed=DATE</c> (date without played, e.g. watched before then unmarked),
    /// <c>playcount=N</c> (default 1 when played), <c>favorite</c>.
    /// </para>
    /// <para>
    /// Item attributes: <c>added=DATE</c> (DateCreated), <c>premiered=DATE</c>, <c>runtime=DURATION</c>
    /// (default 2h for movies, 45m for episodes), <c>path="…"</c>, <c>overview="…"</c>, <c>original="…"</c>
    /// (OriginalTitle), <c>genres=Drama,"Science Fiction"</c>, <c>title="…"</c> (episode name; default
    /// "Show S01E02", the file name a server without metadata shows).
    /// </para>
    /// <para>
    /// External ids: <c>imdb</c>, <c>tmdb</c>, <c>tvdb</c>, <c>tvmaze</c>, <c>tvrage</c>, <c>anidb</c>,
    /// <c>tmdbcollection</c> (written with the server's spelling: Imdb, Tmdb, …); any other key starting with an
    /// upper-case letter (<c>AniList=123</c>) is kept as written. Unknown lower-case keys are an error, so typos
    /// don't become ids. Episodes carry only the ids given on their own line; a show's ids go on its Series item.
    /// </para>
    /// <para>
    /// DATE is ISO-8601 (<c>2024-01-05T18:21:00Z</c>, <c>2024-01-05</c>; UTC when no offset is given).
    /// DURATION is <c>1h30m</c>, <c>45m</c>, <c>90s</c>, <c>1500ms</c> or <c>hh:mm:ss</c>.
    /// Values with spaces are double-quoted; <c>\"</c> escapes a quote inside.
    /// </para>
    /// </summary>
    /// <exception cref="FormatException">A line does not follow the format; the message names the line.</exception>
    public static SimLibrary Parse(string text) => SimLibraryParser.Parse(text);

    /// <summary>
    /// A large deterministic library: about a third movies, the rest episodes of many shows (seasons of 8–13
    /// episodes, a few multi-episode files); about 30 % played with dates, 10 % in progress, 1 % played without a
    /// date; most movies have imdb/tmdb ids, about half the episodes a tvdb id; alice has her own, sparser state.
    /// The same arguments always give the same library.
    /// </summary>
    public static SimLibrary Generate(int itemCount, int seed = 1) => SimLibraryGenerator.Generate(itemCount, seed);
}
