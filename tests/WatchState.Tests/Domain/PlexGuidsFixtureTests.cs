using System.Text.Json;
using WatchState.Domain;

namespace WatchState.Tests.DomainTests;

public class PlexGuidsFixtureTests
{
    [Theory]
    [InlineData("metadata-movie-unwatched.json", "imdb://tt0000001 tvdb://1 tmdb://1")]
    [InlineData("metadata-movie-watched.json", "imdb://tt0000001 tvdb://1 tmdb://1")]
    [InlineData("metadata-movie-legacy-agent.json", "imdb://tt0000002")]
    [InlineData("metadata-show.json", "tvdb://3 tmdb://3")]
    [InlineData("metadata-episode-watched.json", "imdb://tt0000004 tvdb://4 tmdb://4")]
    [InlineData("metadata-episode-in-progress.json", "imdb://tt0000004 tvdb://4 tmdb://4")]
    [InlineData("section-movies-page.json", "imdb://tt0000001 tvdb://1 tmdb://1")]
    [InlineData("section-shows-page.json", "tvdb://3 tmdb://3")]
    [InlineData("section-episodes-page.json", "imdb://tt0000004 tvdb://4 tmdb://4")]
    [InlineData("playlist-items.json", "imdb://tt0000001 tmdb://1")]
    [InlineData("status-sessions.json", "", Label = "no Guid array, plex guid only")]
    [InlineData("webhook-library.new.json", "imdb://tt0000001 tvdb://1 tmdb://1")]
    [InlineData("webhook-media.play.json", "imdb://tt0000004 tvdb://4 tmdb://4")]
    [InlineData("webhook-media.scrobble.json", "imdb://tt0000001 tvdb://1 tmdb://1")]
    [InlineData("webhook-media.play-track-plexdocs.json", "", Label = "plexmusic track")]
    public void Fixture_items_yield_their_external_ids(string file, string expected)
    {
        using var document = JsonDocument.Parse(Fixtures.Read($"plex/{file}"));
        var item = FirstItem(document.RootElement);
        var guid = item.TryGetProperty("guid", out var g) ? g.GetString() : null;
        var array = item.TryGetProperty("Guid", out var entries)
            ? entries.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList()
            : null;

        Assert.Equal(expected, string.Join(' ', PlexGuids.FromPlexGuids(guid, array)));
    }

    private static JsonElement FirstItem(JsonElement root)
    {
        if (root.TryGetProperty("Metadata", out var webhookItem))
        {
            return webhookItem;
        }

        return root.GetProperty("MediaContainer").GetProperty("Metadata")[0];
    }
}
