using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Ignoring;

namespace WatchState.Tests.Ignoring;

public sealed class IgnoreRuleTests
{
    [Theory]
    [InlineData("movie://imdb:tt0133093@my_plex", "movie", "imdb", "tt0133093", "my_plex", null)]
    [InlineData("show://tvdb:320234@jf?id=1212111", "show", "tvdb", "320234", "jf", "1212111")]
    [InlineData("EPISODE://TVDB:349232@emby", "episode", "tvdb", "349232", "emby", null)]
    public void WatchState_rules_are_read(string text, string type, string source, string id, string backend, string? remoteId)
    {
        Assert.True(IgnoreRule.TryParse(text, out var rule, out var error), error);
        Assert.Equal(new IgnoreRule(type, source, id, backend, remoteId), rule);
    }

    [Theory]
    [InlineData("tt0133093", "expected TYPE://")]
    [InlineData("season://tvdb:1@jf", "unknown type 'season'")]
    [InlineData("movie://imdb:tt0133093", "no backend")]
    [InlineData("movie://tt0133093@jf", "no external id")]
    [InlineData("movie://imdb:tt1@jf?item=3", "?id=ITEM")]
    public void A_malformed_rule_says_which_part_is_wrong(string text, string expected)
    {
        Assert.False(IgnoreRule.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_drops_the_id_only_on_its_backend_type_and_item()
    {
        var rules = new IgnoreRules([
            new IgnoreRule("movie", "imdb", "tt0133093", "plex", null),
            new IgnoreRule("show", "tvdb", "81189", "jf", "42"),
        ]);
        var matrix = Observe("plex", "1", MediaType.Movie, [new("imdb", "tt0133093"), new("tmdb", "603")]);

        Assert.Equal([new ExternalId("tmdb", "603")], rules.Apply(matrix).Ids);
        var elsewhere = matrix with { Backend = "emby" };
        Assert.Same(elsewhere, rules.Apply(elsewhere));

        var episode = Observe("jf", "42", MediaType.Episode, [new("tvdb", "349232")]) with { ShowIds = [new("tvdb", "81189")] };
        Assert.Empty(rules.Apply(episode).ShowIds);
        Assert.Single(rules.Apply(episode).Ids);
        var otherEpisode = episode with { RemoteId = "43" };
        Assert.Same(otherEpisode, rules.Apply(otherEpisode));
    }

    [Fact]
    public void WatchStates_ignore_yaml_is_read_and_a_bad_rule_names_its_line()
    {
        var entries = IgnoreFile.Parse("""
            movie://imdb:tt0133093@my_plex: 1690000000
            'show://tvdb:320234@my_jellyfin?id=1212111': 1690000500
            """, "config/ignore.yaml");

        Assert.Equal(2, entries.Count);
        Assert.Equal("1212111", entries[1].Rule.RemoteId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1690000000), entries[0].AddedAt);
        Assert.Empty(IgnoreFile.Parse("{}\n", "config/ignore.yaml"));
        Assert.Empty(IgnoreFile.Parse("", "config/ignore.yaml"));

        var error = Assert.Throws<ConfigException>(() => IgnoreFile.Parse("movie://imdb:tt1@a: 1\nmovie://nope: 2\n", "config/ignore.yaml"));
        Assert.Equal("config/ignore.yaml line 2: 'movie://nope': no backend: add @BACKEND after the id", error.Message);
    }

    private static Observation Observe(string backend, string remoteId, MediaType type, IReadOnlyList<ExternalId> ids) => new()
    {
        Backend = backend,
        RemoteId = remoteId,
        Type = type,
        Title = "x",
        Ids = ids,
        ReceivedAt = DateTimeOffset.UnixEpoch,
    };
}
