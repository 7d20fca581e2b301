using WatchState.Tests.Cli;

namespace WatchState.Tests.Restore;

/// <summary><c>backend:restore -u IDENTITY</c>: restores that identity's user on the server and nobody else.</summary>
public class IdentityRestoreTests
{
    [Fact]
    public async Task Restore_as_alice_takes_her_backup_by_name_and_changes_only_her_play_state()
    {
        await using var s = await TwoIdentityServers.StartAsync();
        await s.RunAsync(0, "state:import", "--all");
        await s.RunAsync(0, "state:backup", "-u", "alice", "-s", "jf");
        var aliceDir = Path.Combine(s.Cli.Data.Paths.BackupDir, "users", "alice");
        var name = Path.GetFileName(Assert.Single(Directory.GetFiles(aliceDir)));
        var jf = s.Jellyfin;
        jf.MarkUnplayed(jf.UserIdOf("alice"), jf.ItemIdOf("The Matrix"));
        jf.MarkUnplayed(jf.UserIdOf("admin"), jf.ItemIdOf("Inception"));
        Assert.False(s.PlayedOnJellyfin("alice", "The Matrix"));

        var run = await s.RunAsync(0, "backend:restore", name, "-s", "jf", "-u", "alice", "--execute");

        Assert.Contains("identity alice", run.Out, StringComparison.Ordinal);
        Assert.Contains("mark played: 1,", run.Out, StringComparison.Ordinal);
        Assert.True(s.PlayedOnJellyfin("alice", "The Matrix"));
        Assert.False(s.PlayedOnJellyfin("alice", "Inception"));
        Assert.False(s.PlayedOnJellyfin("admin", "Inception"));
        Assert.False(s.PlayedOnJellyfin("admin", "The Matrix"));
        Assert.False(s.PlayedOnJellyfin("bob", "The Matrix"));
    }

    [Fact]
    public async Task An_unknown_identity_is_an_error_naming_it()
    {
        await using var s = await TwoIdentityServers.StartAsync();

        var run = await s.RunAsync(1, "backend:restore", "x.json", "-s", "jf", "-u", "carol");

        Assert.Contains("carol", run.Error, StringComparison.Ordinal);
    }
}
