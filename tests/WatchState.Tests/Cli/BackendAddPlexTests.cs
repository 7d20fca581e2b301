using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Configuration;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

/// <summary>backend:add --type plex against the Plex and plex.tv simulators (WS_PLEXTV_URL points at the fake).</summary>
public sealed class BackendAddPlexTests : IAsyncLifetime
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 @alice:progress=20m @bob:played=2024-03-01T00:00:00Z @kid:progress=5m
        """;

    private readonly CliRunner _cli = new();
    private PlexSimulator _plex = null!;
    private PlexTvSimulator _plexTv = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(Library), ServerName = "Hera" }, Ct);
        _plexTv = await PlexTvSimulator.StartAsync(
            _plex, new PlexTvSimulatorOptions { SharedUsers = ["bob"], Pins = new Dictionary<string, string> { ["kid"] = "1234" } }, Ct);
        _cli.Environment["WS_PLEXTV_URL"] = _plexTv.BaseUrl.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _cli.Dispose();
        await _plexTv.DisposeAsync();
        await _plex.DisposeAsync();
    }

    private string[] Add(string token, params string[] extra) =>
        ["backend:add", "--name", "plex_main", "--type", "plex", "--url", _plex.BaseUrl.ToString(), "--token", token, .. extra];

    private async Task<BackendConfig> SingleBackendAsync() => Assert.Single(await new ServersFile(_cli.Data.Paths).LoadAsync(Ct));

    [Fact]
    public async Task The_owner_token_is_recognised_users_listed_and_the_owner_chosen_without_a_terminal()
    {
        var result = await _cli.RunAsync(Add(_plex.AdminToken));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("'Hera'", result.Out, StringComparison.Ordinal);
        Assert.Contains("owner's (admin) token", result.Out, StringComparison.Ordinal);
        foreach (var name in new[] { "alice", "bob", "kid" })
        {
            Assert.Contains(name, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("home, PIN", result.Out, StringComparison.Ordinal);
        var backend = await SingleBackendAsync();
        Assert.Equal((BackendType.Plex, _plex.MachineIdentifier, "11111111", _plex.AdminToken), (backend.Type, backend.Uuid, backend.User, backend.Token));
        Assert.DoesNotContain(_plex.AdminToken, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_a_home_profile_stores_its_own_token_and_keeps_the_admin_token_for_refreshes()
    {
        var users = await _cli.RunAsync(Add(_plex.AdminToken, "--dry-run"));
        var aliceId = IdOf(users.Out, "alice");

        var result = await _cli.RunAsync(Add(_plex.AdminToken, "--user", aliceId));

        Assert.Equal(0, result.ExitCode);
        var backend = await SingleBackendAsync();
        Assert.Equal(aliceId, backend.User);
        Assert.Equal(_plex.TokenOf("alice"), backend.Token);
        Assert.Equal(_plex.AdminToken, backend.Options[PlexOptions.AdminToken]);
        Assert.Equal("alice", backend.Options[PlexOptions.UserName]);
    }

    [Fact]
    public async Task A_protected_profile_without_its_pin_is_refused_and_with_it_is_added()
    {
        var users = await _cli.RunAsync(Add(_plex.AdminToken, "--dry-run"));
        var kidId = IdOf(users.Out, "kid");

        var refused = await _cli.RunAsync(Add(_plex.AdminToken, "--user", kidId));
        var added = await _cli.RunAsync(Add(_plex.AdminToken, "--user", kidId, "--pin", "1234"));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--pin", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, added.ExitCode);
        Assert.Equal(_plex.TokenOf("kid"), (await SingleBackendAsync()).Token);
    }

    [Fact]
    public async Task A_limited_token_says_so_and_needs_the_user_id()
    {
        var withoutUser = await _cli.RunAsync(Add(_plex.TokenOf("alice")));
        var withUser = await _cli.RunAsync(Add(_plex.TokenOf("alice"), "--user", "10000001"));

        Assert.Equal(2, withoutUser.ExitCode);
        Assert.Contains("limited token", withoutUser.Error, StringComparison.Ordinal);
        Assert.Contains("--user", withoutUser.Error, StringComparison.Ordinal);
        Assert.Equal(0, withUser.ExitCode);
        var backend = await SingleBackendAsync();
        Assert.Equal(("10000001", _plex.TokenOf("alice"), "true"), (backend.User, backend.Token, backend.Options[PlexOptions.LimitedToken]));
    }

    [Fact]
    public async Task A_limited_token_on_a_terminal_asks_for_the_user_id()
    {
        _cli.Input = "10000001\n";

        var result = await _cli.RunAsync(Add(_plex.TokenOf("alice")));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("10000001", (await SingleBackendAsync()).User);
    }

    [Fact]
    public async Task A_bad_token_is_a_clear_error_and_nothing_is_written()
    {
        var result = await _cli.RunAsync(Add("not-a-token"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("backend plex_main: token rejected (401)", result.Error, StringComparison.Ordinal);
        Assert.Empty(await new ServersFile(_cli.Data.Paths).LoadAsync(Ct));
    }

    [Fact]
    public async Task An_old_server_gets_the_continue_watching_warning()
    {
        await using var old = await PlexSimulator.StartAsync(
            new PlexSimulatorOptions { Library = SimLibrary.Parse(Library), Version = "1.40.1.8227-c0dd5a73e" }, Ct);
        await using var oldTv = await PlexTvSimulator.StartAsync(old, cancellationToken: Ct);
        _cli.Environment["WS_PLEXTV_URL"] = oldTv.BaseUrl.ToString();

        var result = await _cli.RunAsync(["backend:add", "--name", "old", "--type", "plex", "--url", old.BaseUrl.ToString(), "--token", old.AdminToken]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("older than 1.41.6.9606", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://10-0-0-5.0123456789abcdef.plex.direct:32400", null, true)]
    [InlineData("https://10-0-0-5.0123456789abcdef.plex.direct:32400", 401, false)]
    [InlineData("http://192.168.1.10:32400", null, false)]
    public void Only_an_unreachable_plex_direct_address_gets_the_custom_url_hint(string url, int? status, bool hinted)
    {
        var failure = new BackendException("remote", "server unreachable: Name or service not known", status);

        var result = WatchState.Cli.BackendAddHandler.WithPlexDirectHint(failure, new Uri(url));

        Assert.Equal(hinted, result is not null);
        if (result is not null)
        {
            Assert.StartsWith(failure.Message, result.Message, StringComparison.Ordinal);
            Assert.Contains("Custom server access URLs", result.Message, StringComparison.Ordinal);
            Assert.Contains("http://192.168.1.10:32400", result.Message, StringComparison.Ordinal);
        }
    }

    private static string IdOf(string table, string name)
    {
        var line = table.Split('\n').First(l => l.Contains($" {name} ", StringComparison.Ordinal));
        return line.Split(['|', '│', ' '], StringSplitOptions.RemoveEmptyEntries)[1];
    }
}
