using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Auth;
using WatchState.Storage;
using WatchState.Tests.Auth;

namespace WatchState.Tests.Cli;

public sealed class SystemAdminCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AdminAccount?> StoredAdminAsync(CliRunner cli) =>
        await new AdminStore(new Database(cli.Data.Paths.DatabaseFile)).GetAsync(Ct);

    [Fact]
    public async Task Password_stdin_creates_the_admin_with_a_hash_and_the_server_accepts_it()
    {
        using var cli = new CliRunner { Input = "s3cret password\n" };

        var result = await cli.RunAsync("system:admin", "--user", "alice", "--password-stdin");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("admin 'alice' created", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Out + result.Error, StringComparison.Ordinal);
        var stored = await StoredAdminAsync(cli);
        Assert.NotNull(stored);
        Assert.Equal("alice", stored.User);
        Assert.DoesNotContain("s3cret", stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(stored.PasswordHash.Length > 40);
        Assert.DoesNotContain("s3cret", await ReadDatabaseBytesAsync(cli), StringComparison.Ordinal);

        await using var server = await AuthServer.StartAsync(data: cli.Data);
        using var login = await AuthServer.LoginAsync(server.Client(), "alice", "s3cret password");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task A_too_short_password_is_refused_with_a_clear_error()
    {
        using var cli = new CliRunner { Input = "short\n" };

        var result = await cli.RunAsync("system:admin", "--user", "alice", "--password-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("too short: use at least 8 characters", result.Error, StringComparison.Ordinal);
        Assert.Null(await StoredAdminAsync(cli));
    }

    [Fact]
    public async Task The_prompt_asks_twice_and_refuses_different_answers()
    {
        using var cli = new CliRunner { Input = "first password\nsecond password\n" };

        var result = await cli.RunAsync("system:admin", "--user", "alice");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("differ", result.Error, StringComparison.Ordinal);
        Assert.Null(await StoredAdminAsync(cli));
    }

    [Fact]
    public async Task The_prompt_sets_the_password_when_both_answers_match()
    {
        using var cli = new CliRunner { Input = "same password\nsame password\n" };

        var result = await cli.RunAsync("system:admin", "--user", "alice");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("alice", (await StoredAdminAsync(cli))?.User);
    }

    [Fact]
    public async Task Without_a_terminal_or_stdin_flag_it_says_what_to_do()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("system:admin", "--user", "alice");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password-stdin", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_it_again_resets_name_and_password()
    {
        using var cli = new CliRunner { Input = "old password\n" };
        await cli.RunAsync("system:admin", "--user", "alice", "--password-stdin");
        var before = await StoredAdminAsync(cli);
        cli.Input = "new password\n";

        var result = await cli.RunAsync("system:admin", "--user", "bob", "--password-stdin");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("was 'alice'", result.Out, StringComparison.Ordinal);
        var after = await StoredAdminAsync(cli);
        Assert.Equal("bob", after?.User);
        Assert.NotEqual(before?.Stamp, after?.Stamp);
        await using var server = await AuthServer.StartAsync(data: cli.Data);
        var accounts = server.App.Services.GetRequiredService<AdminAccounts>();
        Assert.Null(await accounts.VerifyAsync("alice", "old password", Ct));
        Assert.Null(await accounts.VerifyAsync("bob", "old password", Ct));
        Assert.NotNull(await accounts.VerifyAsync("bob", "new password", Ct));
    }

    private static async Task<string> ReadDatabaseBytesAsync(CliRunner cli)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(cli.Data.Paths.DatabaseFile)!))
        {
            text.Append(System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct)));
        }

        return text.ToString();
    }
}
