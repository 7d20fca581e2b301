using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Scheduling;

/// <summary>The scheduled import, export and backup cover every identity; one identity failing does not stop the others.</summary>
public class IdentityTaskTests
{
    [Fact]
    public async Task The_import_task_imports_every_identity_and_a_broken_one_is_reported_without_stopping_the_others()
    {
        await using var s = await TwoIdentityServers.StartAsync();

        // carol's server refuses connections; dave's servers file is not valid YAML. Both sort between alice and bob.
        await s.Identities.SaveAsync(
            "carol",
            [new BackendConfig { Name = "jf", Type = BackendType.Jellyfin, Url = new Uri("http://127.0.0.1:9/"), Token = "t", User = "u" }],
            TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(s.Cli.Data.Paths.ConfigDir, "users", "dave"));
        await File.WriteAllTextAsync(
            Path.Combine(s.Cli.Data.Paths.ConfigDir, "users", "dave", "servers.yaml"), "jf: [not, a, backend", TestContext.Current.CancellationToken);

        var run = await s.Cli.RunAsync("system:tasks", "--run", "import");
        var alice = await s.ItemsAsync("alice");
        var bob = await s.ItemsAsync("bob");
        var main = await s.ItemsAsync("main");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("main: jf: 3 added", run.Error, StringComparison.Ordinal);
        Assert.Contains("alice: jf: 3 added", run.Error, StringComparison.Ordinal);
        Assert.Contains("carol: jf:", run.Error, StringComparison.Ordinal);
        Assert.Contains("dave: failed: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("bob: jf: 3 added", run.Error, StringComparison.Ordinal);
        Assert.True(alice["The Matrix"].GetProperty("watched").GetBoolean());
        Assert.True(bob["Alien"].GetProperty("watched").GetBoolean());
        Assert.True(main["Inception"].GetProperty("watched").GetBoolean());
        Assert.False(main["The Matrix"].GetProperty("watched").GetBoolean());
    }

    [Fact]
    public async Task The_export_and_backup_tasks_cover_every_identity_each_with_its_own_user()
    {
        await using var s = await TwoIdentityServers.StartAsync();
        await s.RunAsync(0, "system:tasks", "--run", "import");

        var export = await s.RunAsync(0, "system:tasks", "--run", "export");
        var backup = await s.RunAsync(0, "system:tasks", "--run", "backup");

        Assert.True(s.PlayedOnEmby("alice", "The Matrix"));
        Assert.False(s.PlayedOnEmby("bob", "The Matrix"));
        Assert.False(s.PlayedOnEmby("admin", "The Matrix"));
        Assert.True(s.PlayedOnJellyfin("bob", "Alien"));
        Assert.False(s.PlayedOnJellyfin("alice", "Alien"));
        Assert.Contains("alice: 1 planned; ", export.Out, StringComparison.Ordinal);
        Assert.Contains("bob: 2 planned; ", export.Out, StringComparison.Ordinal);
        Assert.Contains("alice: jf: 3 item(s) to backup/users/alice/", backup.Out, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(s.Cli.Data.Paths.BackupDir, "users", "alice")).Length);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(s.Cli.Data.Paths.BackupDir, "users", "bob")).Length);
        Assert.Equal(2, Directory.GetFiles(s.Cli.Data.Paths.BackupDir).Length);
    }
}
