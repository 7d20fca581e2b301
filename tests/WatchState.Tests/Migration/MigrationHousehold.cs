using System.Globalization;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Migration;

/// <summary>
/// A Plex and a Jellyfin simulator holding the same 300 items (120 movies, 3 shows of 60 episodes) with play state
/// for the admin and for alice, and a WatchState directory that knows exactly that state: main (admin) and the
/// sub-user alice, each with both backends, plus a few rows WatchState could hold that we cannot map.
/// </summary>
internal sealed class MigrationHousehold : IAsyncDisposable
{
    public const int Movies = 120;
    public const int Shows = 3;
    public const int Seasons = 2;
    public const int EpisodesPerSeason = 30;
    public const int Items = Movies + (Shows * Seasons * EpisodesPerSeason);

    private static readonly DateTimeOffset Added = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Played = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private MigrationHousehold(PlexSimulator plex, MediaBrowserSimulator jellyfin)
    {
        Plex = plex;
        Jellyfin = jellyfin;
    }

    public PlexSimulator Plex { get; }

    public MediaBrowserSimulator Jellyfin { get; }

    public WatchStateDirectory WatchState { get; } = new();

    public CliRunner Cli { get; } = new();

    public static async Task<MigrationHousehold> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var library = Library();
        var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = library }, ct);
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = library }, ct);
        var household = new MigrationHousehold(plex, jellyfin);
        household.WriteWatchState();
        return household;
    }

    /// <summary>The state a user has on item <paramref name="index"/>: played (with its date), a resume point, or nothing.</summary>
    public static (DateTimeOffset? PlayedAt, TimeSpan Progress) StateOf(string user, int index) => user switch
    {
        "admin" when index % 3 == 0 => (Played.AddHours(index), TimeSpan.Zero),
        "admin" when index % 5 == 1 => (null, TimeSpan.FromMinutes(20)),
        "alice" when index % 4 == 1 => (Played.AddHours(index + 7), TimeSpan.Zero),
        "alice" when index % 7 == 3 => (null, TimeSpan.FromMinutes(10)),
        _ => (null, TimeSpan.Zero),
    };

    public static int PlayedCount(string user) => Enumerable.Range(0, Items).Count(i => StateOf(user, i).PlayedAt is not null);

    public static int InProgressCount(string user) => Enumerable.Range(0, Items).Count(i => StateOf(user, i).Progress > TimeSpan.Zero);

    public async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, $"{string.Join(' ', args)}: {result}");
        return result;
    }

    private static SimLibrary Library()
    {
        var movies = Enumerable.Range(0, Movies).Select(i => new SimMovie
        {
            Title = MovieTitle(i),
            Year = 2000 + (i % 20),
            ProviderIds = [new("Imdb", Imdb(i))],
            Added = Added.AddDays(i),
            States = States(i),
        });
        var shows = Enumerable.Range(0, Shows).Select(s => new SimShow
        {
            Title = ShowTitle(s),
            Year = 2010 + s,
            ProviderIds = [new("Tvdb", ShowTvdb(s))],
            Episodes = [.. Episodes(s).Select(e => new SimEpisode
            {
                Season = e.Season,
                Episode = e.Episode,
                ProviderIds = [new("Tvdb", EpisodeTvdb(s, e.Season, e.Episode))],
                Added = Added.AddDays(e.Index),
                States = States(e.Index),
            })],
        });
        return new SimLibrary(movies, shows);
    }

    private static Dictionary<string, SimPlayState> States(int index)
    {
        var states = new Dictionary<string, SimPlayState>(StringComparer.Ordinal);
        foreach (var user in new[] { "admin", "alice" })
        {
            var (playedAt, progress) = StateOf(user, index);
            if (playedAt is not null)
            {
                states[user] = new SimPlayState { Played = true, LastPlayed = playedAt, PlayCount = 1 };
            }
            else if (progress > TimeSpan.Zero)
            {
                states[user] = new SimPlayState { Position = progress };
            }
        }

        // Every user of the simulators must exist even where they have no state.
        states.TryAdd("alice", new SimPlayState());
        return states;
    }

    private void WriteWatchState()
    {
        WatchState.Write("config/servers.yaml", $"""
            plex:
              type: plex
              url: {Plex.BaseUrl}
              token: {Plex.AdminToken}
              uuid: {Plex.MachineIdentifier}
              import:
                enabled: true
                lastSync: 1712345678
              export:
                enabled: true
              options:
                client:
                  timeout: 10
            jellyfin:
              type: jellyfin
              url: {Jellyfin.BaseUrl}
              token: {Jellyfin.ApiKey}
              uuid: {Jellyfin.ServerId}
              user: {Jellyfin.AdminUserId}
              import:
                enabled: true
              export:
                enabled: true
            """);
        WatchState.Write("users/alice/servers.yaml", $"""
            plex:
              type: plex
              url: {Plex.BaseUrl}
              token: {Plex.TokenOf("alice")}
              uuid: {Plex.MachineIdentifier}
              user: {Plex.AccountIdOf("alice").ToString(CultureInfo.InvariantCulture)}
              options:
                ADMIN_TOKEN: {Plex.AdminToken}
            jellyfin:
              type: jellyfin
              url: {Jellyfin.BaseUrl}
              token: {Jellyfin.ApiKey}
              user: {Jellyfin.UserIdOf("alice")}
            """);
        WatchState.Write("config/.env", """
            WS_TZ=Europe/Berlin
            WS_BACKUP_KEEP_DAYS=30
            WS_PROGRESS_MINIMUM=not-a-number
            WS_SOME_OLD_SETTING=1
            """);
        WatchState.Write("config/mapper.yaml", """
            version: "1.6"
            map:
              - plex: { name: alice, options: {} }
                jellyfin: { name: alice, options: {} }
            """);
        WatchState.Write("config/ignore.yaml", """
            'movie://imdb:tt7777777@plex': 1712345678
            'film://imdb:tt1@plex': 1712345678
            """);
        WatchState.WriteDatabase("db/watchstate_v01.db", [.. Rows("admin"),
            new WsRow("movie", "Home Video", 2020, false, 1_700_000_000),
            new WsRow("movie", "Old Server Movie", 1990, true, 1_700_000_000)
            {
                Guids = new Dictionary<string, string> { ["imdb"] = "tt0999999" },
                Metadata = { ["emby_old"] = new WsMeta("9999", true, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), null, 0) },
            }]);
        WatchState.WriteDatabase("users/alice/user_v01.db", Rows("alice"));
    }

    private IEnumerable<WsRow> Rows(string user)
    {
        for (var i = 0; i < Movies; i++)
        {
            yield return Row(user, i, "movie", MovieTitle(i), 2000 + (i % 20), MovieTitle(i)) with
            {
                Guids = new Dictionary<string, string> { ["imdb"] = Imdb(i) },
            };
        }

        for (var s = 0; s < Shows; s++)
        {
            foreach (var e in Episodes(s))
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"{ShowTitle(s)} S{e.Season:D2}E{e.Episode:D2}");
                yield return Row(user, e.Index, "episode", ShowTitle(s), 2010 + s, code, code) with
                {
                    Season = e.Season,
                    Episode = e.Episode,
                    Guids = new Dictionary<string, string> { ["tvdb"] = EpisodeTvdb(s, e.Season, e.Episode) },
                    Parent = new Dictionary<string, string> { ["tvdb"] = ShowTvdb(s) },
                };
            }
        }
    }

    private WsRow Row(string user, int index, string type, string title, int year, string lookup, string? episodeTitle = null)
    {
        var (playedAt, progress) = StateOf(user, index);
        var added = Added.AddDays(index);
        var updated = (playedAt ?? added).ToUnixTimeSeconds();
        return new WsRow(type, title, year, playedAt is not null, updated)
        {
            Metadata =
            {
                ["plex"] = new WsMeta(Plex.RatingKeyOf(lookup), playedAt is not null, playedAt, added, (long)progress.TotalMilliseconds, episodeTitle),
                ["jellyfin"] = new WsMeta(Jellyfin.ItemIdOf(lookup), playedAt is not null, playedAt, added, (long)progress.TotalMilliseconds, episodeTitle),
            },
        };
    }

    private static IEnumerable<(int Season, int Episode, int Index)> Episodes(int show)
    {
        for (var season = 1; season <= Seasons; season++)
        {
            for (var episode = 1; episode <= EpisodesPerSeason; episode++)
            {
                yield return (season, episode, Movies + (show * Seasons * EpisodesPerSeason) + ((season - 1) * EpisodesPerSeason) + episode - 1);
            }
        }
    }

    private static string MovieTitle(int i) => string.Create(CultureInfo.InvariantCulture, $"Movie {i:D3}");

    private static string Imdb(int i) => string.Create(CultureInfo.InvariantCulture, $"tt{1_000_000 + i}");

    private static string ShowTitle(int s) => $"Show {(char)('A' + s)}";

    private static string ShowTvdb(int s) => string.Create(CultureInfo.InvariantCulture, $"{70_000 + s}");

    private static string EpisodeTvdb(int s, int season, int episode) =>
        string.Create(CultureInfo.InvariantCulture, $"{800_000 + (s * 1000) + (season * 100) + episode}");

    public async ValueTask DisposeAsync()
    {
        Cli.Dispose();
        WatchState.Dispose();
        await Plex.DisposeAsync();
        await Jellyfin.DisposeAsync();
    }
}
