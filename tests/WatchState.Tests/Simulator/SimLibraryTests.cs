using WatchState.Simulator;

namespace WatchState.Tests.Simulator;

public sealed class SimLibraryTests
{
    [Fact]
    public void The_documented_example_parses_into_movies_shows_and_user_state()
    {
        var library = SimLibrary.Parse("""
            movie "The Matrix" 1999 imdb=tt0133093 tmdb=603 played=2024-01-05T18:21:00Z
            movie "Inception" 2010 tmdb=27205 progress=45m added=2024-01-01T00:00:00Z
            movie "Home Video" 2020                       # no external ids
            movie "Old Thing" 1950 imdb=tt0000001 played   # played without LastPlayedDate (Jellyfin quirk)
            show "Breaking Bad" 2008 tvdb=81189
              s01e01 tvdb=349232 played=2024-02-01T20:00:00Z
              s01e02 @alice:played=2024-03-01T00:00:00Z   # state for another user
              s01e03-e04                                   # multi-episode file (IndexNumberEnd)
            """);

        Assert.Equal(["The Matrix", "Inception", "Home Video", "Old Thing"], library.Movies.Select(m => m.Title));
        var matrix = library.Movies[0];
        Assert.Equal(1999, matrix.Year);
        Assert.Equal([new("Imdb", "tt0133093"), new KeyValuePair<string, string>("Tmdb", "603")], matrix.ProviderIds);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 18, 21, 0, TimeSpan.Zero), matrix.States["admin"].LastPlayed);
        Assert.Equal(1, matrix.States["admin"].PlayCount);
        Assert.Equal(TimeSpan.FromMinutes(45), library.Movies[1].States["admin"].Position);
        Assert.False(library.Movies[1].States["admin"].Played);
        Assert.Empty(library.Movies[2].ProviderIds);
        Assert.True(library.Movies[3].States["admin"].Played);
        Assert.Null(library.Movies[3].States["admin"].LastPlayed);
        var show = Assert.Single(library.Shows);
        Assert.Equal([new KeyValuePair<string, string>("Tvdb", "81189")], show.ProviderIds);
        Assert.Equal(3, show.Episodes.Count);
        Assert.True(show.Episodes[1].States["alice"].Played);
        Assert.False(show.Episodes[1].States.ContainsKey("admin"));
        Assert.Equal(4, show.Episodes[2].EpisodeEnd);
        Assert.Equal(7, library.VideoCount);
        Assert.Equal(["admin", "alice"], library.UserNames.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("movie Matrix 1999", "line 1")]
    [InlineData("s01e01", "show line above")]
    [InlineData("movie \"A\" playd=2024-01-01", "unknown attribute 'playd'")]
    [InlineData("movie \"A\" progress=soon", "not a duration")]
    [InlineData("movie \"A\" played=yesterday", "not an ISO-8601 date")]
    [InlineData("movie \"A", "unclosed quote")]
    [InlineData("show \"S\" played", "belongs on a movie or episode line")]
    [InlineData("movie \"A\"\nepisode 1", "line 2")]
    public void Mistakes_are_reported_with_their_line(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => SimLibrary.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_values_durations_and_custom_ids_are_read()
    {
        var movie = SimLibrary.Parse("""movie "Say \"Hi\"" runtime=1:02:03 path="/x y/z.mkv" AniList=42 @bob:progress=1h2m3s favorite""").Movies.Single();

        Assert.Equal("Say \"Hi\"", movie.Title);
        Assert.Null(movie.Year);
        Assert.Equal(new TimeSpan(1, 2, 3), movie.RunTime);
        Assert.Equal("/x y/z.mkv", movie.Path);
        Assert.Equal([new KeyValuePair<string, string>("AniList", "42")], movie.ProviderIds);
        Assert.Equal(new TimeSpan(1, 2, 3), movie.States["bob"].Position);
        Assert.True(movie.States["admin"].Favorite);
    }

    [Fact]
    public void Generated_libraries_are_deterministic_and_have_the_promised_mix()
    {
        var a = SimLibrary.Generate(6000, seed: 3);
        var b = SimLibrary.Generate(6000, seed: 3);
        var c = SimLibrary.Generate(6000, seed: 4);

        Assert.Equal(6000, a.VideoCount);
        Assert.Equal(2000, a.Movies.Count);
        Assert.True(a.Shows.Count > 20);
        Assert.Equal(a.Movies.Select(m => (m.Title, m.Added)), b.Movies.Select(m => (m.Title, m.Added)));
        Assert.NotEqual(a.Movies.Select(m => m.Added), c.Movies.Select(m => m.Added));
        var states = a.Movies.Cast<SimVideo>().Concat(a.Shows.SelectMany(s => s.Episodes))
            .Select(v => v.States.GetValueOrDefault("admin")).ToList();
        var playedWithDate = states.Count(s => s is { Played: true, LastPlayed: not null }) / 6000.0;
        var inProgress = states.Count(s => s is { Played: false, Position.Ticks: > 0 }) / 6000.0;
        Assert.InRange(playedWithDate, 0.27, 0.33);
        Assert.InRange(inProgress, 0.08, 0.12);
        Assert.Contains(states, s => s is { Played: true, LastPlayed: null });
        Assert.Contains(a.Shows.SelectMany(s => s.Episodes), e => e.EpisodeEnd is not null);
        Assert.Contains(a.Shows.SelectMany(s => s.Episodes), e => e.ProviderIds.Count == 0);
        Assert.All(a.Movies.Concat<SimVideo>(a.Shows.SelectMany(s => s.Episodes)),
            v => Assert.All(v.States.Values, s => Assert.True(s.Position < v.RunTime)));
    }
}
