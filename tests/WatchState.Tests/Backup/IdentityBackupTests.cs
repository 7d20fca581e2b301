using System.IO.Compression;
using System.Text.Json;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Backup;

/// <summary><c>state:backup -u/--all</c>: one file per identity and backend, each holding only that person's state.</summary>
public class IdentityBackupTests
{
    private static string[] Files(string folder) =>
        Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];

    private static Dictionary<string, int> WatchedByTitle(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        return json.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("title").GetString()!, e => e.GetProperty("watched").GetInt32(), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Backup_as_alice_writes_her_files_under_users_alice_with_watchstates_names_and_nothing_for_main()
    {
        await using var s = await TwoIdentityServers.StartAsync();
        await s.RunAsync(0, "state:import", "--all");
        var backupDir = s.Cli.Data.Paths.BackupDir;

        var run = await s.RunAsync(0, "state:backup", "-u", "alice");

        var aliceDir = Path.Combine(backupDir, "users", "alice");
        var files = Files(aliceDir);
        Assert.Equal(2, files.Length);
        Assert.Matches(@"^emby\.\d{8}\.json\.gz$", files[0]);
        Assert.Matches(@"^jf\.\d{8}\.json\.gz$", files[1]);
        Assert.Empty(Files(backupDir));
        Assert.False(Directory.Exists(Path.Combine(backupDir, "users", "bob")));
        Assert.Contains($"jf: 3 item(s) to backup/users/alice/{files[1]}", run.Out, StringComparison.Ordinal);
        var jellyfin = WatchedByTitle(Path.Combine(aliceDir, files[1]));
        Assert.Equal(1, jellyfin["The Matrix"]);
        Assert.Equal(0, jellyfin["Inception"]);
    }

    [Fact]
    public async Task Backup_all_writes_every_identitys_files_and_prunes_each_identitys_old_ones()
    {
        await using var s = await TwoIdentityServers.StartAsync();
        await s.RunAsync(0, "state:import", "--all");
        var backupDir = s.Cli.Data.Paths.BackupDir;
        var bobDir = Path.Combine(backupDir, "users", "bob");
        Directory.CreateDirectory(bobDir);
        var old = Path.Combine(bobDir, "jf.20200101.json.gz");
        var kept = Path.Combine(bobDir, "jf.json");
        await File.WriteAllTextAsync(old, "[]", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(kept, "[]", TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-400));
        File.SetLastWriteTimeUtc(kept, DateTime.UtcNow.AddDays(-400));

        var run = await s.RunAsync(0, "state:backup", "--all");

        Assert.Equal(2, Files(backupDir).Length);
        Assert.Equal(2, Files(Path.Combine(backupDir, "users", "alice")).Length);
        Assert.Equal(3, Files(bobDir).Length);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(kept));
        Assert.Contains("== identity bob ==", run.Out, StringComparison.Ordinal);
        var bobEmby = Files(bobDir).Single(f => f.StartsWith("emby.", StringComparison.Ordinal));
        Assert.Equal(1, WatchedByTitle(Path.Combine(bobDir, bobEmby))["Alien"]);
        var mainJellyfin = Files(backupDir).Single(f => f.StartsWith("jf.", StringComparison.Ordinal));
        var main = WatchedByTitle(Path.Combine(backupDir, mainJellyfin));
        Assert.Equal(1, main["Inception"]);
        Assert.Equal(0, main["The Matrix"]);
    }
}
