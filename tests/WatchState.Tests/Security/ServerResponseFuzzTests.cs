using WatchState.Backends;
using WatchState.Tests.Backends;
using WatchState.Tests.Backends.Plex;

namespace WatchState.Tests.Security;

/// <summary>
/// Real server answers, mutated (cut short, wrong types, huge numbers, deep nesting, fields dropped, random bytes), sent
/// back by the simulators to the real clients: every call either works or throws a <see cref="BackendException"/>
/// with a message; never a NullReferenceException, InvalidCastException or any other crash.
/// </summary>
public sealed class ServerResponseFuzzTests
{
    private const int CasesPerServer = 1500;

    private static readonly string[] JellyfinSeeds =
    [
        "jellyfin-real/02-system-info.json", "jellyfin-real/03-users.json", "jellyfin-real/06-user-views.json",
        "jellyfin-real/07-user-items-movies.json", "jellyfin-real/09-items-all-movies-episodes.json", "jellyfin-real/12-user-item-episode.json",
    ];

    private static readonly string[] PlexSeeds =
    [
        "plex/server-info.json", "plex/library-sections.json", "plex/section-movies-page.json", "plex/section-episodes-page.json",
        "plex/section-shows-page.json", "plex/metadata-movie-watched.json", "plex/section-count-size0.json",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mutated_jellyfin_answers_give_a_backend_exception_or_a_result_never_a_crash()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        var library = (await client.GetLibrariesAsync(Ct)).First(l => l.Kind == LibraryKind.Movies);

        var failures = await FuzzAsync(client, library, h.Sim.Faults, JellyfinSeeds, seed: 101);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        h.Sim.Faults.Garbage = false;
        Assert.Equal(h.Sim.ServerId, (await client.GetInfoAsync(Ct)).Id);
    }

    [Fact]
    public async Task Mutated_plex_answers_give_a_backend_exception_or_a_result_never_a_crash()
    {
        await using var h = await PlexHarness.StartAsync(Simulator.Sim.CaptureLibrary);
        var client = h.Client();
        var library = (await client.GetLibrariesAsync(Ct)).First(l => l.Kind == LibraryKind.Movies);

        var failures = await FuzzAsync(client, library, h.Sim.Faults, PlexSeeds, seed: 202);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        h.Sim.Faults.Garbage = false;
        Assert.NotNull((await client.GetInfoAsync(Ct)).Id);
    }

    private static async Task<List<string>> FuzzAsync(IMediaServer client, Library library, WatchState.Simulator.SimulatorFaults faults, string[] seedFiles, int seed)
    {
        var random = new Random(seed);
        var seeds = seedFiles.Select(Fixtures.Read).ToArray();
        var failures = new List<string>();
        var rejected = 0;
        faults.Garbage = true;
        for (var i = 0; i < CasesPerServer; i++)
        {
            faults.GarbageBody = Mutations.Json(random, seeds[i % seeds.Length], i / seeds.Length);
            Func<Task>[] calls =
            [
                () => client.GetInfoAsync(Ct),
                () => client.GetUsersAsync(Ct),
                () => client.GetLibrariesAsync(Ct),
                async () =>
                {
                    await foreach (var page in client.StreamItemsAsync(library, Ct))
                    {
                        Assert.NotNull(page.Items);
                    }
                },
            ];
            var call = calls[i % calls.Length];
            try
            {
                await call();
            }
            catch (BackendException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                rejected++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"case {i} ({seedFiles[i % seeds.Length]}, call {i % calls.Length}): {e.GetType().Name}: {e.Message}\n{e.StackTrace?.Split('\n').FirstOrDefault()}");
            }
        }

        // Most mutations must be refused; a client that accepts everything is not reading what it gets.
        Assert.True(rejected > CasesPerServer / 4, $"only {rejected} of {CasesPerServer} refused");
        return failures;
    }
}
