using WatchState.Backends;
using WatchState.Domain;
using WatchState.Simulator;

namespace WatchState.Tests.Backends.MediaBrowser;

/// <summary>Reading libraries from a simulated Jellyfin over real HTTP.</summary>
public class MediaBrowserImportTests
{
    private static CancellationToken Ct => BackendHarness.Ct;

    [Fact]
    public async Task Generated_library_streams_completely_with_one_request_per_page()
    {
        var library = SimLibrary.Generate(5000);
        await using var h = await BackendHarness.StartAsync(library);
        var client = h.Client();
        var before = h.Sim.RequestCount;

        var libraries = await client.GetLibrariesAsync(Ct);
        var expectedRequests = 1;
        var remoteIds = new HashSet<string>(StringComparer.Ordinal);
        var observations = new List<Observation>();
        foreach (var lib in libraries.Where(l => l.Kind != LibraryKind.Unsupported))
        {
            var pages = 0;
            var total = 0;
            await foreach (var page in client.StreamItemsAsync(lib, Ct))
            {
                pages++;
                total = page.Total;
                Assert.Empty(page.Skipped);
                observations.AddRange(page.Items);
            }

            // One series listing for show libraries, then one request per page of 1,000.
            expectedRequests += (lib.Kind == LibraryKind.Movies ? 0 : 1) + Math.Max(1, (total + 999) / 1000);
            Assert.Equal(Math.Max(1, (total + 999) / 1000), pages);
        }

        foreach (var o in observations)
        {
            remoteIds.Add(o.RemoteId);
        }

        Assert.Equal(expectedRequests, h.Sim.RequestCount - before);
        Assert.Equal(library.VideoCount, remoteIds.Count);
        Assert.Equal(observations.Count, observations.Select(o => (o.RemoteId, o.Part)).Distinct().Count());
        Assert.Equal(library.Movies.Count, observations.Count(o => o.Type == MediaType.Movie));
        var episodes = observations.Where(o => o.Type == MediaType.Episode).ToList();
        Assert.All(episodes, e => Assert.Contains(e.ShowIds, id => id.Source == "tvdb"));
        Assert.Contains(episodes, e => e.Part > 0);
        Assert.Contains(observations, o => o.Played && o.PlayedAt is not null);
        Assert.Contains(observations, o => !o.Played && o.ProgressMs > 0);
        Assert.All(observations, o => Assert.Equal(BackendHarness.Now, o.ReceivedAt));
        Assert.DoesNotContain(h.Sim.RequestLog, r => r.Contains("Ids=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Series_missing_from_the_listing_are_fetched_in_batches_once_each()
    {
        var library = SimLibrary.Generate(3000);
        await using var h = await BackendHarness.StartAsync(library);
        var client = h.Client(options: new() { ["LIBRARY_SEGMENT"] = "500" });
        var shows = (await client.GetLibrariesAsync(Ct)).Single(l => l.Kind == LibraryKind.Shows);

        // Read as a movie library, which has no series listing, so every episode's series is unknown up front.
        var observations = new List<Observation>();
        await foreach (var page in client.StreamItemsAsync(shows with { Kind = LibraryKind.Movies }, Ct))
        {
            observations.AddRange(page.Items);
        }

        var idRequests = h.Sim.RequestLog.Where(r => r.Contains("Ids=", StringComparison.OrdinalIgnoreCase)).ToList();
        var requestedIds = idRequests
            .SelectMany(r => Uri.UnescapeDataString(r[(r.IndexOf("Ids=", StringComparison.OrdinalIgnoreCase) + 4)..].Split('&')[0]).Split(','))
            .ToList();
        Assert.Equal(library.Shows.Count, requestedIds.Count);
        Assert.Equal(requestedIds.Count, requestedIds.Distinct().Count());
        Assert.InRange(idRequests.Count, 1, library.Shows.Count / 10);
        Assert.All(observations, o => Assert.Contains(o.ShowIds, id => id.Source == "tvdb"));
        Assert.Equal(library.VideoCount - library.Movies.Count, observations.Select(o => o.RemoteId).Distinct().Count());
    }

    [Fact]
    public async Task Page_size_option_sets_the_limit_of_each_request()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client(options: new() { ["LIBRARY_SEGMENT"] = "1" });
        var movies = (await client.GetLibrariesAsync(Ct)).Single(l => l.Kind == LibraryKind.Movies);

        var pages = new List<ItemPage>();
        await foreach (var page in client.StreamItemsAsync(movies, Ct))
        {
            pages.Add(page);
        }

        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Equal(2, p.Total));
        Assert.Equal(["Inception", "The Matrix"], pages.SelectMany(p => p.Items).Select(o => o.Title).Order());
        // The last page was full, so one more (empty) page is asked for: a total that is too low must not end the listing.
        Assert.Equal(3, h.Sim.RequestLog.Count(r => r.Contains("Limit=1", StringComparison.Ordinal) && r.Contains("IncludeItemTypes=Movie,Episode", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Play_state_and_multi_episode_files_arrive_as_the_server_holds_them()
    {
        const string text = """
            movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z playcount=2 added=2023-05-01T10:00:00Z
            movie "Inception" 2010 tmdb=27205 progress=45m lastplayed=2024-02-01T08:00:00Z
            movie "Old Thing" 1950 imdb=tt0000001 played
            show "Breaking Bad" 2008 tvdb=81189
              s01e01 tvdb=349232 played=2024-02-01T20:00:00Z
              s01e03-e04
            """;
        await using var h = await BackendHarness.StartAsync(text);
        var client = h.Client();
        var observations = await ReadAllAsync(client);

        var matrix = Assert.Single(observations, o => o.Title == "The Matrix");
        Assert.Equal(h.Sim.ItemIdOf("The Matrix"), matrix.RemoteId);
        Assert.True(matrix.Played);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 18, 21, 0, TimeSpan.Zero), matrix.PlayedAt);
        Assert.Equal(new DateTimeOffset(2023, 5, 1, 10, 0, 0, TimeSpan.Zero), matrix.AddedAt);
        Assert.Equal(2, matrix.PlayCount);
        Assert.Equal(1999, matrix.Year);
        Assert.Equal([new ExternalId("imdb", "tt0133093")], matrix.Ids);

        var inception = Assert.Single(observations, o => o.Title == "Inception");
        Assert.False(inception.Played);
        Assert.Equal(45 * 60 * 1000, inception.ProgressMs);

        var old = Assert.Single(observations, o => o.Title == "Old Thing");
        Assert.True(old.Played);
        Assert.Null(old.PlayedAt);

        var pilot = Assert.Single(observations, o => o.Season == 1 && o.Episode == 1);
        Assert.Equal("Breaking Bad", pilot.SeriesTitle);
        Assert.Equal([new ExternalId("tvdb", "349232")], pilot.Ids);
        Assert.Equal([new ExternalId("tvdb", "81189")], pilot.ShowIds);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 20, 0, 0, TimeSpan.Zero), pilot.PlayedAt);

        var pair = observations.Where(o => o.RemoteId == h.Sim.ItemIdOf("Breaking Bad S01E03")).OrderBy(o => o.Part).ToList();
        Assert.Equal([(0, 3), (4, 4)], pair.Select(o => (o.Part, o.Episode!.Value)));
        Assert.All(pair, o => Assert.Equal([new ExternalId("tvdb", "81189")], o.ShowIds));
    }

    [Fact]
    public async Task Changes_on_the_server_show_up_on_the_next_read()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        var matrix = h.Sim.ItemIdOf("The Matrix");
        var inception = h.Sim.ItemIdOf("Inception");
        var at = new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero);

        h.Sim.MarkPlayed(h.Sim.AdminUserId, matrix, at);
        h.Sim.SetPosition(h.Sim.AdminUserId, inception, TimeSpan.FromMinutes(12));
        var observations = await ReadAllAsync(client);

        Assert.Equal(at, Assert.Single(observations, o => o.RemoteId == matrix).PlayedAt);
        Assert.Equal(12 * 60 * 1000, Assert.Single(observations, o => o.RemoteId == inception).ProgressMs);
    }

    [Fact]
    public async Task Libraries_are_classified_by_collection_type()
    {
        await using var h = await BackendHarness.StartAsync();

        var libraries = await h.Client().GetLibrariesAsync(Ct);

        Assert.Contains(libraries, l => l.Kind == LibraryKind.Movies && l.RawType == "movies" && l.Id == h.Sim.LibraryIdOf(l.Name));
        Assert.Contains(libraries, l => l.Kind == LibraryKind.Shows && l.RawType == "tvshows");
        Assert.All(libraries.Where(l => l.RawType is not ("movies" or "tvshows")), l => Assert.Equal(LibraryKind.Unsupported, l.Kind));
    }

    [Fact]
    public async Task Admin_token_lists_every_user()
    {
        await using var h = await BackendHarness.StartAsync("movie \"A\" 2000 @alice:played=2024-01-01T00:00:00Z");

        var users = await h.Client().GetUsersAsync(Ct);

        Assert.Contains(users, u => u.Id == h.Sim.AdminUserId && u.Name == "admin" && u.IsAdmin);
        Assert.Contains(users, u => u.Id == h.Sim.UserIdOf("alice") && u.Name == "alice" && !u.IsAdmin);
    }

    [Fact]
    public async Task Limited_user_token_falls_back_to_reading_itself()
    {
        await using var h = await BackendHarness.StartAsync("movie \"A\" 2000 @alice:played=2024-01-01T00:00:00Z");
        var alice = h.Sim.UserIdOf("alice");
        var token = await h.LoginAsync("alice");

        var users = await h.Client(token: token, user: alice).GetUsersAsync(Ct);

        var only = Assert.Single(users);
        Assert.Equal((alice, "alice", false), (only.Id, only.Name, only.IsAdmin));
        Assert.Contains(h.Sim.RequestLog, r => r.EndsWith("GET /Users", StringComparison.Ordinal));
    }

    internal static async Task<List<Observation>> ReadAllAsync(IMediaServer client)
    {
        var observations = new List<Observation>();
        foreach (var library in await client.GetLibrariesAsync(Ct))
        {
            await foreach (var page in client.StreamItemsAsync(library, Ct))
            {
                observations.AddRange(page.Items);
            }
        }

        return observations;
    }
}
