using WatchState.Domain;

namespace WatchState.Tests.DomainTests;

public class PlexEpisodeGuidTests
{
    [Theory]
    [InlineData("com.plexapp.agents.thetvdb://81189/1/3?lang=en", "tvdb://81189", 1, 3, Label = "thetvdb")]
    [InlineData("com.plexapp.agents.thetvdb://81189/0/5?lang=en", "tvdb://81189", 0, 5, Label = "thetvdb special")]
    [InlineData("com.plexapp.agents.thetvdb://81189/12/104", "tvdb://81189", 12, 104, Label = "no query, large numbers")]
    [InlineData("com.plexapp.agents.themoviedb://1399/2/4?lang=en", "tmdb://1399", 2, 4, Label = "themoviedb")]
    [InlineData("com.plexapp.agents.xbmcnfotv://81189/1/3?lang=en", "tvdb://81189", 1, 3, Label = "xbmcnfotv")]
    [InlineData("com.plexapp.agents.hama://tvdb2-81189/1/3?lang=en", "tvdb://81189", 1, 3, Label = "hama tvdb")]
    [InlineData("com.plexapp.agents.hama://anidb-123/1/7?lang=en", "anidb://123", 1, 7, Label = "hama anidb")]
    public void Legacy_episode_guids_name_the_show_and_the_episode(string plexGuid, string show, int season, int episode)
    {
        var reference = PlexGuids.ParsePlexEpisodeGuid(plexGuid);

        Assert.NotNull(reference);
        Assert.Equal(show, string.Join(' ', reference.ShowIds));
        Assert.Equal(season, reference.Season);
        Assert.Equal(episode, reference.Episode);
    }

    [Theory]
    [InlineData("com.plexapp.agents.thetvdb://81189?lang=en", Label = "show form")]
    [InlineData("com.plexapp.agents.thetvdb://81189/1?lang=en", Label = "season form")]
    [InlineData("com.plexapp.agents.thetvdb://81189/1/3/4", Label = "too deep")]
    [InlineData("com.plexapp.agents.thetvdb://81189/1/x", Label = "episode not a number")]
    [InlineData("com.plexapp.agents.thetvdb://81189/-1/3", Label = "negative season")]
    [InlineData("com.plexapp.agents.thetvdb://81189/+1/3", Label = "signed season")]
    [InlineData("com.plexapp.agents.thetvdb://81189/1/99999999999", Label = "episode overflows")]
    [InlineData("com.plexapp.agents.thetvdb://abc/1/3", Label = "show id malformed")]
    [InlineData("com.plexapp.agents.thetvdb:///1/3", Label = "show id missing")]
    [InlineData("com.plexapp.agents.none://81189/1/3", Label = "none agent")]
    [InlineData("com.plexapp.agents.hama://sonarr-5/1/3", Label = "hama unknown source")]
    [InlineData("tvdb://81189/1/3", Label = "not a legacy agent")]
    [InlineData("plex://episode/5d9c1275e98e47001eb84029", Label = "plex episode")]
    [InlineData("", Label = "empty")]
    [InlineData(null, Label = "null")]
    public void Other_guids_are_not_episode_references(string? plexGuid) =>
        Assert.Null(PlexGuids.ParsePlexEpisodeGuid(plexGuid));

    [Fact]
    public void The_episode_form_is_not_taken_as_the_items_own_id()
    {
        const string plexGuid = "com.plexapp.agents.thetvdb://81189/1/3?lang=en";

        Assert.Empty(PlexGuids.FromPlexGuids(plexGuid, null));
        Assert.NotNull(PlexGuids.ParsePlexEpisodeGuid(plexGuid));
    }
}
