using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Ignoring;
using WatchState.Tests.Cli;
using WatchState.Tests.Configuration;

namespace WatchState.Tests.Security;

/// <summary>
/// Mutated config files (servers.yaml, ignore.yaml, mapper.yaml, .env) are either read or refused with a
/// <see cref="ConfigException"/> that names the file; no other exception, and <c>config:test</c> answers with a
/// message and an exit code, never a crash.
/// </summary>
public sealed class ConfigFileFuzzTests
{
    private const int Cases = 600;

    private const string Servers = """
        jf:
          type: jellyfin
          url: http://127.0.0.1:8096
          token: abcdef0123456789
          user: 5d1c2f0a
          options:
            client:
              timeout: 30
            LIBRARY_SEGMENT: 1000
            IGNORE: "1,2"
        plex:
          type: plex
          url: http://127.0.0.1:32400/
          token: plex-token
          uuid: 0123456789abcdef
          options:
            ADMIN_TOKEN: owner
            plex_user_uuid: b2c3d4e5f6071829
            PLEX_USER_PIN: "1234"
        """;

    private const string Ignore = """
        'movie://imdb:tt0133093@jf': 1732500000
        'show://tvdb:320234@jf?id=1212111': 1732500100
        'episode://tmdb:603@plex': 1732500200
        """;

    private const string Mapper = """
        version: "1.5"
        map:
          - plex:
              name: "mike_jones"
              options: {}
            jf:
              name: "jones_mike"
          - jf: alice
            plex: Alice
        """;

    private const string Env = """
        # comment
        WS_TZ=Europe/Berlin
        WS_LISTEN="http://0.0.0.0:8080"
        WS_CRON_IMPORT=true
        WS_CRON_IMPORT_AT=*/15 * * * *
        WS_PROGRESS_THRESHOLD=300
        WS_TRUST_PROXY=false
        export WS_BACKUP_KEEP_DAYS='30'
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mutated_config_files_are_read_or_refused_with_a_config_exception()
    {
        using var data = new TempDataDirectory();
        var random = new Random(303);
        var failures = new List<string>();
        var refused = 0;
        var servers = new ServersFile(data.Paths);
        var ignore = new IgnoreFile(data.Paths);
        var mapper = Path.Combine(data.Paths.ConfigDir, MapperFile.FileName);
        var loaders = new (string Seed, Func<string, Task> Load)[]
        {
            (Servers, async text => { data.WriteServers(text); await servers.LoadAsync(Ct); }),
            (Ignore, async text => { await File.WriteAllTextAsync(ignore.Path, text, Ct); await ignore.LoadRulesAsync(Ct); }),
            (Mapper, async text => { await File.WriteAllTextAsync(mapper, text, Ct); await MapperFile.LoadAsync(mapper, MapperFile.FileName, Ct); }),
            (Env, text =>
            {
                var entries = DotEnvFile.Parse(text, ".env");
                _ = AppSettings.Load(ConfigEnvironment.Create(entries, ".env", new Dictionary<string, string>()), data.Paths);
                return Task.CompletedTask;
            }),
        };
        data.WriteServers(Servers);

        // The seeds themselves are valid, so a refusal below is the mutation's doing.
        foreach (var (seed, load) in loaders)
        {
            await load(seed);
        }

        for (var i = 0; i < Cases; i++)
        {
            var (seed, load) = loaders[i % loaders.Length];
            var text = Mutations.Text(random, seed, i / loaders.Length);
            try
            {
                await load(text);
            }
            catch (ConfigException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                refused++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"case {i} (file {i % loaders.Length}): {e.GetType().Name}: {e.Message}\n{e.StackTrace?.Split('\n').FirstOrDefault()}\n--- text\n{text[..Math.Min(300, text.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(10)));
        Assert.True(refused > Cases / 4, $"only {refused} of {Cases} refused");
    }

    [Fact]
    public async Task Config_test_on_mutated_files_exits_with_a_message_never_a_crash()
    {
        using var cli = new CliRunner();
        var random = new Random(404);
        for (var i = 0; i < 12; i++)
        {
            cli.Data.WriteServers(Mutations.Text(random, Servers, i));
            cli.Data.WriteEnv(Mutations.Text(random, Env, i + 3));

            var result = await cli.RunAsync("config:test");

            Assert.True(result.ExitCode is 0 or 1 or 2, result.ToString());
            Assert.DoesNotContain("Unhandled exception", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at WatchState.", result.Out + result.Error, StringComparison.Ordinal);
            if (result.ExitCode != 0)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Out + result.Error), result.ToString());
            }
        }
    }
}
