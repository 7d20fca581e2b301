using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Domain;

namespace WatchState.Tests.Backends.Plex;

public class PlexClientTests
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 tmdb=603 played=2024-01-05T18:21:00Z added=2023-01-01T00:00:00Z
        movie "Inception" 2010 tmdb=27205 progress=45m added=2023-01-02T00:00:00Z
        movie "Home Video" 2020 added=2023-01-03T00:00:00Z
        movie "Alien" 1979 imdb=tt0078748 added=2023-01-04T00:00:00Z
        movie "Heat" 1995 imdb=tt0113277 played added=2023-01-05T00:00:00Z
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232 played=2024-02-01T20:00:00Z
          s01e02
          s01e03-e04 played=2024-02-03T20:00:00Z
        """;

    private static CancellationToken Ct => PlexHarness.Ct;

    private static async Task<List<ItemPage>> ReadAllAsync(PlexClient client, LibraryKind kind)
    {
        var library = (await client.GetLibrariesAsync(Ct)).First(l => l.Kind == kind);
        var pages = new List<ItemPage>();
        await foreach (var page in client.StreamItemsAsync(library, Ct))
        {
            pages.Add(page);
        }

        return pages;
    }

    [Fact]
    public async Task Server_info_reports_identity_and_warns_only_for_old_versions()
    {
        await using var current = await PlexHarness.StartAsync(Library);
        await using var old = await PlexHarness.StartAsync(Library, version: "1.40.2.8395-c67dce28e");

        var info = await current.Client().GetInfoAsync(Ct);
        var oldInfo = await old.Client().GetInfoAsync(Ct);

        Assert.Equal(current.Sim.MachineIdentifier, info.Id);
        Assert.Equal("sim-plex", info.Name);
        Assert.StartsWith("1.41.6.9606", info.Version, StringComparison.Ordinal);
        Assert.Null(info.Warning);
        Assert.StartsWith("Plex 1.40.2.8395-c67dce28e is older than 1.41.6.9606", oldInfo.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Libraries_are_the_servers_sections_with_their_kinds()
    {
        await using var h = await PlexHarness.StartAsync(Library);

        var libraries = await h.Client().GetLibrariesAsync(Ct);

        Assert.Contains(libraries, l => l.Kind == LibraryKind.Movies && l.RawType == "movie");
        Assert.Contains(libraries, l => l.Kind == LibraryKind.Shows && l.RawType == "show");
        Assert.All(libraries, l => Assert.False(string.IsNullOrEmpty(l.Id)));
    }

    [Fact]
    public async Task Movies_are_read_in_pages_of_the_configured_size_and_every_movie_arrives_once()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        var client = h.Client(options: new() { ["LIBRARY_SEGMENT"] = "2" });

        var pages = await ReadAllAsync(client, LibraryKind.Movies);

        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Equal(5, p.Total));
        var movies = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(5, movies.Select(m => m.RemoteId).Distinct().Count());
        var matrix = Assert.Single(movies, m => m.Title == "The Matrix");
        Assert.True(matrix.Played);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 18, 21, 0, TimeSpan.Zero), matrix.PlayedAt);
        Assert.Contains(new ExternalId("imdb", "tt0133093"), matrix.Ids);
        var inception = Assert.Single(movies, m => m.Title == "Inception");
        Assert.False(inception.Played);
        Assert.Equal(45 * 60 * 1000, inception.ProgressMs);
        Assert.Contains(h.Sim.RequestLog, r => r.Contains("X-Plex-Container-Start=4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Episodes_get_their_shows_ids_and_a_multi_episode_file_becomes_two_episodes()
    {
        await using var h = await PlexHarness.StartAsync(Library);

        var episodes = (await ReadAllAsync(h.Client(), LibraryKind.Shows)).SelectMany(p => p.Items).ToList();

        Assert.Equal([1, 2, 3, 4], episodes.Select(e => e.Episode!.Value).Order());
        Assert.All(episodes, e => Assert.Contains(new ExternalId("tvdb", "81189"), e.ShowIds));
        Assert.All(episodes, e => Assert.Equal("Breaking Bad", e.SeriesTitle));
        var fourth = Assert.Single(episodes, e => e.Episode == 4);
        Assert.Equal(4, fourth.Part);
        Assert.True(fourth.Played);
        Assert.Equal(h.Sim.RatingKeyOf("Breaking Bad S01E03"), fourth.RemoteId);
        Assert.Contains(new ExternalId("tvdb", "349232"), Assert.Single(episodes, e => e.Episode == 1).Ids);
    }

    [Fact]
    public async Task Legacy_agent_items_take_their_ids_from_the_single_guid()
    {
        await using var h = await PlexHarness.StartAsync(Library, legacyAgents: true);

        var movies = (await ReadAllAsync(h.Client(), LibraryKind.Movies)).SelectMany(p => p.Items).ToList();

        Assert.Contains(new ExternalId("imdb", "tt0133093"), Assert.Single(movies, m => m.Title == "The Matrix").Ids);
        Assert.Empty(Assert.Single(movies, m => m.Title == "Home Video").Ids);
    }

    [Fact]
    public async Task A_wrong_token_is_reported_as_rejected()
    {
        await using var h = await PlexHarness.StartAsync(Library);

        var error = await Assert.ThrowsAsync<PlexException>(() => h.Client(token: "wrong").GetInfoAsync(Ct));

        Assert.Equal("backend plex: token rejected (401)", error.Message);
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_server_error_is_retried()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        h.Sim.Faults.FailNextRequests = 1;

        var libraries = await h.Client().GetLibrariesAsync(Ct);

        Assert.NotEmpty(libraries);
    }

    [Fact]
    public async Task A_lasting_server_error_names_the_status_and_path()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        h.Sim.Faults.FailStatus = 500;
        h.Sim.Faults.FailNextRequests = 100;

        var error = await Assert.ThrowsAsync<PlexException>(() => h.Client().GetLibrariesAsync(Ct));

        Assert.Equal("backend plex: server error (500) at /library/sections", error.Message);
    }

    [Fact]
    public async Task A_broken_body_is_reported_as_invalid_json()
    {
        await using var h = await PlexHarness.StartAsync(Library);
        h.Sim.Faults.Garbage = true;

        var error = await Assert.ThrowsAsync<PlexException>(() => h.Client().GetInfoAsync(Ct));

        Assert.StartsWith("backend plex: answered with invalid JSON at /", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_token_sees_its_own_users_play_state()
    {
        await using var h = await PlexHarness.StartAsync("""
            movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z
            movie "Alien" 1979 imdb=tt0078748 @alice:played=2024-03-01T00:00:00Z
            """);

        var admin = (await ReadAllAsync(h.Client(), LibraryKind.Movies)).SelectMany(p => p.Items).ToList();
        var alice = (await ReadAllAsync(h.Client(token: h.Sim.TokenOf("alice")), LibraryKind.Movies)).SelectMany(p => p.Items).ToList();

        Assert.Equal(["The Matrix"], admin.Where(m => m.Played).Select(m => m.Title));
        Assert.Equal(["Alien"], alice.Where(m => m.Played).Select(m => m.Title));
    }

    [Fact]
    public async Task An_invalid_page_size_option_names_the_option()
    {
        await using var h = await PlexHarness.StartAsync(Library);

        var error = Assert.Throws<PlexException>(() => h.Client(options: new() { ["options.LIBRARY_SEGMENT"] = "zero" }));

        Assert.Equal("backend plex: option LIBRARY_SEGMENT must be a whole number between 1 and 100000, not 'zero'", error.Message);
    }
}
