using WatchState.Configuration;

namespace WatchState.Tests.Configuration;

public class ServersFileErrorTests
{
    private static async Task<ConfigException> LoadFailsAsync(string yaml)
    {
        using var dir = new TempDataDirectory();
        dir.WriteServers(yaml);
        return await Assert.ThrowsAsync<ConfigException>(() => new ServersFile(dir.Paths).LoadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Broken_yaml_names_the_file_line_and_column()
    {
        var error = await LoadFailsAsync("jf:\n  type: jellyfin\n  url: http://a:1\n  token: a: b\n");

        Assert.Equal("config/servers.yaml line 4, column 11: While scanning a plain scalar value, found invalid mapping.", error.Message);
    }

    [Fact]
    public async Task Unknown_type_names_the_backend_the_type_and_the_supported_ones()
    {
        var error = await LoadFailsAsync("x:\n  type: kodi\n  url: http://a:1\n  token: t\n");

        Assert.Equal("config/servers.yaml line 2: backend 'x': type 'kodi' is not supported (plex, jellyfin, emby)", error.Message);
    }

    [Fact]
    public async Task Missing_token_names_the_backend_line()
    {
        var error = await LoadFailsAsync("a:\n  type: emby\n  url: http://a:1\n  token: t\nb:\n  type: emby\n  url: http://b:1\n");

        Assert.Equal("config/servers.yaml line 5: backend 'b': token is missing", error.Message);
    }

    [Fact]
    public async Task Missing_url_is_reported()
    {
        var error = await LoadFailsAsync("a:\n  type: emby\n  token: t\n");

        Assert.Equal("config/servers.yaml line 1: backend 'a': url is missing", error.Message);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_reported_at_its_line()
    {
        var error = await LoadFailsAsync("a:\n  type: emby\n  token: t\n  url: ftp://host/\n");

        Assert.Equal("config/servers.yaml line 4: backend 'a': url 'ftp://host/' is not an http:// or https:// URL", error.Message);
    }

    [Fact]
    public async Task A_bad_bool_names_the_key_and_value()
    {
        var error = await LoadFailsAsync("a:\n  type: emby\n  url: http://a:1\n  token: t\n  import:\n    enabled: maybe\n");

        Assert.Equal("config/servers.yaml line 6: backend 'a': import.enabled: 'maybe' is not true or false", error.Message);
    }

    [Fact]
    public async Task A_backend_that_is_not_a_mapping_is_reported()
    {
        var error = await LoadFailsAsync("a: just-a-string\n");

        Assert.Equal("config/servers.yaml line 1: backend 'a': expected a mapping with type, url and token", error.Message);
    }

    [Fact]
    public async Task A_duplicate_backend_name_is_reported_with_its_line()
    {
        var error = await LoadFailsAsync("a:\n  type: emby\n  url: http://a:1\n  token: t\na:\n  type: emby\n");

        Assert.StartsWith("config/servers.yaml line 5", error.Message, StringComparison.Ordinal);
    }
}
