using WatchState.Configuration;
using WatchState.Domain;
using WatchState.Ignoring;
using WatchState.Tests.Configuration;

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
    [InlineData("item://jf", "no item: write item://BACKEND?id=ITEM")]
    [InlineData("item://jf?id=", "no item")]
    [InlineData("item://?id=5", "no backend: write item://BACKEND?id=ITEM")]
    [InlineData("item://imdb:tt1@jf?id=5", "an item rule names no external id")]
    [InlineData("item://jf?id=5&x=1", "no item")]
    public void A_malformed_rule_says_which_part_is_wrong(string text, string expected)
    {
        Assert.False(IgnoreRule.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("item://jf?id=1212111", "jf", "1212111")]
    [InlineData("ITEM://my_plex?id=a%20b", "my_plex", "a b")]
    public void Item_rules_are_read_and_written_back_the_same(string text, string backend, string item)
    {
        Assert.True(IgnoreRule.TryParse(text, out var rule, out var error), error);
        Assert.Equal(IgnoreRule.ForItem(backend, item), rule);
        Assert.True(rule.IsItem);
        Assert.True(IgnoreRule.TryParse(rule.ToString(), out var again, out _));
        Assert.Equal(rule, again);
    }

    [Fact]
    public void An_item_rule_matches_the_item_or_the_episodes_of_its_show_on_its_backend_only()
    {
        var rules = new IgnoreRules([IgnoreRule.ForItem("jf", "42"), IgnoreRule.ForItem("jf", "show-7")]);
        var movie = Observe("jf", "42", MediaType.Movie, []);
        var episode = Observe("jf", "43", MediaType.Episode, []) with { ShowRemoteId = "show-7" };

        Assert.Equal(IgnoreRule.ForItem("jf", "42"), rules.ItemRuleFor(movie));
        Assert.Equal(IgnoreRule.ForItem("jf", "show-7"), rules.ItemRuleFor(episode));
        Assert.Null(rules.ItemRuleFor(movie with { Backend = "emby" }));
        Assert.Null(rules.ItemRuleFor(episode with { ShowRemoteId = "show-8" }));
        Assert.True(rules.IgnoresItem("jf", "1", showRemoteId: "show-7"));
        Assert.False(rules.IgnoresItem("jf", "1"));

        // An item rule drops no external id, and an id rule ignores no item.
        Assert.Same(movie, rules.Apply(movie));
        Assert.Null(new IgnoreRules([new IgnoreRule("movie", "imdb", "tt1", "jf", "42")]).ItemRuleFor(movie));
    }

    [Fact]
    public async Task Ignore_yaml_with_item_rules_round_trips_and_leaves_the_other_rules_as_they_were()
    {
        using var directory = new TempDataDirectory();
        var file = new IgnoreFile(directory.Paths);
        var text = """
            movie://imdb:tt0133093@my_plex: 1690000000
            'show://tvdb:320234@my_jellyfin?id=1212111': 1690000500
            'item://my_jellyfin?id=abc123': 1690000900

            """;
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
        await File.WriteAllTextAsync(file.Path, text, ct);

        var entries = await file.LoadAsync(ct);
        await file.SaveAsync(entries, ct);
        var again = IgnoreFile.Parse(await File.ReadAllTextAsync(file.Path, ct), "config/ignore.yaml");

        Assert.Equal(entries, again);
        Assert.Equal(IgnoreRule.ForItem("my_jellyfin", "abc123"), again[2].Rule);
        Assert.Equal(
            ["'movie://imdb:tt0133093@my_plex': 1690000000", "'show://tvdb:320234@my_jellyfin?id=1212111': 1690000500", "'item://my_jellyfin?id=abc123': 1690000900"],
            await File.ReadAllLinesAsync(file.Path, ct));
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
