using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Tests.Identities;

public sealed class IdentityFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IdentityFiles _files;

    public IdentityFilesTests()
    {
        var paths = DataPaths.FromRoot(_dir.Path);
        paths.EnsureCreated();
        _files = new IdentityFiles(paths, new ServersFile(paths));
    }

    public void Dispose() => _dir.Dispose();

    private static BackendConfig Backend(string user) =>
        new() { Name = "jf", Type = BackendType.Jellyfin, Url = new Uri("http://127.0.0.1:8096"), Token = "key", User = user };

    [Fact]
    public async Task An_identity_is_saved_under_config_users_and_read_back()
    {
        await _files.SaveAsync("alice", [Backend("u-alice")], TestContext.Current.CancellationToken);

        Assert.True(File.Exists(_dir.File("config/users/alice/servers.yaml")));
        Assert.Equal("config/users/alice/servers.yaml", _files.DisplayPath("alice"));
        var loaded = await _files.LoadAsync("alice", TestContext.Current.CancellationToken);
        Assert.Equal("u-alice", Assert.Single(loaded).User);
    }

    [Fact]
    public async Task Main_is_config_servers_yaml_and_listed_first()
    {
        await _files.SaveAsync("main", [Backend("admin")], TestContext.Current.CancellationToken);
        await _files.SaveAsync("zoe", [Backend("u-zoe")], TestContext.Current.CancellationToken);
        await _files.SaveAsync("bob", [Backend("u-bob")], TestContext.Current.CancellationToken);
        Directory.CreateDirectory(_dir.File("config/users/empty"));

        Assert.True(File.Exists(_dir.File("config/servers.yaml")));
        Assert.Equal(["main", "bob", "zoe"], _files.List());
        var all = await _files.LoadAllAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["admin", "u-bob", "u-zoe"], all.Select(a => Assert.Single(a.Backends).User));
    }

    [Fact]
    public async Task An_unknown_identity_is_refused_with_the_known_ones()
    {
        await _files.SaveAsync("bob", [Backend("u-bob")], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<UnknownIdentityException>(() => _files.LoadAsync("carol", TestContext.Current.CancellationToken));
        Assert.Contains("main, bob", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("Alice")]
    [InlineData("a b")]
    [InlineData("")]
    public void A_name_that_could_leave_the_users_folder_is_refused(string name)
    {
        Assert.False(IdentityFiles.IsValidName(name));
        Assert.Throws<ConfigException>(() => _files.ServersPath(name));
    }

    [Fact]
    public async Task Removing_deletes_the_folder_but_main_cannot_be_removed()
    {
        await _files.SaveAsync("bob", [Backend("u-bob")], TestContext.Current.CancellationToken);

        Assert.True(_files.Remove("bob"));
        Assert.False(Directory.Exists(_dir.File("config/users/bob")));
        Assert.False(_files.Remove("bob"));
        Assert.Throws<ConfigException>(() => _files.Remove("main"));
    }
}
