using System.Net;
using WatchState.Configuration;

namespace WatchState.Tests.Api;

/// <summary>/v1/api/backends against a Jellyfin simulator, through the real server.</summary>
public sealed class BackendsApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private Task<IReadOnlyList<BackendConfig>> StoredAsync() => new ServersFile(_api.Paths).LoadAsync(Ct);

    [Fact]
    public async Task An_added_backend_is_stored_with_the_server_id_and_listed_with_its_token_masked()
    {
        var (status, added) = await _api.PostAsync("/v1/api/backends", _api.JellyfinBody());
        var listed = await _api.OkAsync("/v1/api/backends");
        var one = await _api.OkAsync("/v1/api/backends/jf");

        Assert.Equal(HttpStatusCode.Created, status);
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal(_api.Jellyfin.ServerId, stored.Uuid);
        Assert.Equal(_api.Jellyfin.AdminUserId, stored.User);
        Assert.Equal(_api.Jellyfin.ApiKey, stored.Token);
        var item = Assert.Single(listed.EnumerateArray());
        Assert.Equal("jf", item.GetProperty("name").GetString());
        Assert.Equal("jellyfin", item.GetProperty("type").GetString());
        Assert.Equal("••••" + _api.Jellyfin.ApiKey[^4..], item.GetProperty("token").GetString());
        Assert.True(item.GetProperty("import").GetBoolean());
        Assert.True(item.GetProperty("export").GetBoolean());
        Assert.True(item.GetProperty("live").GetBoolean());
        foreach (var body in new[] { added, listed, one })
        {
            Assert.DoesNotContain(_api.Jellyfin.ApiKey, body.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_the_server_refuses_is_400_with_the_servers_error_and_nothing_is_stored()
    {
        var (status, problem) = await _api.PostAsync("/v1/api/backends", _api.JellyfinBody(token: "wrong-token-0000"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("cannot connect to", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await StoredAsync());
    }

    [Theory]
    [InlineData("Bad Name", "jellyfin", "name 'Bad Name'")]
    [InlineData("ok", "kodi", "type 'kodi'")]
    public async Task An_invalid_body_is_400_naming_the_field(string name, string type, string expected)
    {
        var (status, problem) = await _api.PostAsync("/v1/api/backends", new { name, type, url = _api.Jellyfin.BaseUrl.ToString(), token = "t" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_problem()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await _api.Http.PostAsync("/v1/api/backends", content, Ct);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_name_twice_is_409()
    {
        await _api.AddJellyfinAsync();

        var (status, problem) = await _api.PostAsync("/v1/api/backends", _api.JellyfinBody());

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already exists", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_users_and_libraries_come_from_the_server()
    {
        await _api.AddJellyfinAsync();

        var (testStatus, test) = await _api.PostAsync("/v1/api/backends/jf/test");
        var users = await _api.OkAsync("/v1/api/backends/jf/users");
        var libraries = await _api.OkAsync("/v1/api/backends/jf/libraries");

        Assert.Equal(HttpStatusCode.OK, testStatus);
        Assert.True(test.GetProperty("ok").GetBoolean());
        Assert.Equal(_api.Jellyfin.ServerId, test.GetProperty("serverId").GetString());
        Assert.Equal("Living Room", test.GetProperty("serverName").GetString());
        var selected = Assert.Single(users.EnumerateArray(), u => u.GetProperty("selected").GetBoolean());
        Assert.Equal(_api.Jellyfin.AdminUserId, selected.GetProperty("id").GetString());
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("id").GetString() == _api.Jellyfin.UserIdOf("alice"));
        var movies = Assert.Single(libraries.EnumerateArray(), l => l.GetProperty("name").GetString() == "Movies");
        Assert.Equal(_api.Jellyfin.LibraryIdOf("Movies"), movies.GetProperty("id").GetString());
        Assert.Equal("movies", movies.GetProperty("kind").GetString());
        Assert.False(movies.GetProperty("ignored").GetBoolean());
    }

    [Fact]
    public async Task A_test_of_a_server_that_is_down_says_why()
    {
        await _api.AddJellyfinAsync();
        _api.Jellyfin.Faults.Down = true;

        var (status, test) = await _api.PostAsync("/v1/api/backends/jf/test");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(test.GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrEmpty(test.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Patch_toggles_import_export_and_live_and_sets_options()
    {
        await _api.AddJellyfinAsync();

        var (status, patched) = await _api.PatchAsync("/v1/api/backends/jf", new { import = false, export = false, live = false, options = new Dictionary<string, string?> { ["LIBRARY_SEGMENT"] = "200" } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(patched.GetProperty("import").GetBoolean());
        Assert.False(patched.GetProperty("export").GetBoolean());
        Assert.False(patched.GetProperty("live").GetBoolean());
        var stored = Assert.Single(await StoredAsync());
        Assert.False(stored.ImportEnabled);
        Assert.False(stored.ExportEnabled);
        Assert.Equal("false", stored.Options["LIVE"]);
        Assert.Equal("200", stored.Options["LIBRARY_SEGMENT"]);
    }

    [Fact]
    public async Task Patch_to_a_user_the_server_does_not_have_is_400_and_keeps_the_old_one()
    {
        await _api.AddJellyfinAsync();

        var (status, problem) = await _api.PatchAsync("/v1/api/backends/jf", new { user = "nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'nobody' is not a user", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(_api.Jellyfin.AdminUserId, Assert.Single(await StoredAsync()).User);
    }

    [Fact]
    public async Task Delete_removes_the_backend_and_then_it_is_404()
    {
        await _api.AddJellyfinAsync();

        var (deleted, _) = await _api.SendAsync(HttpMethod.Delete, "/v1/api/backends/jf");
        var (again, problem) = await _api.SendAsync(HttpMethod.Delete, "/v1/api/backends/jf");

        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Empty(await StoredAsync());
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Contains("no backend named 'jf'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/v1/api/backends/nope")]
    [InlineData("GET", "/v1/api/backends/nope/users")]
    [InlineData("GET", "/v1/api/backends/nope/libraries")]
    [InlineData("POST", "/v1/api/backends/nope/test")]
    [InlineData("PUT", "/v1/api/backends/nope/libraries/1/ignore")]
    public async Task An_unknown_backend_is_a_404_problem(string method, string url)
    {
        var (status, problem) = await _api.SendAsync(new HttpMethod(method), url, method == "PUT" ? new { ignore = true } : null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("no backend named 'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ignored_library_is_skipped_by_import_and_said_so()
    {
        await _api.AddJellyfinAsync();
        var movies = _api.Jellyfin.LibraryIdOf("Movies");

        var (status, backend) = await _api.SendAsync(HttpMethod.Put, $"/v1/api/backends/jf/libraries/{movies}/ignore");
        var libraries = await _api.OkAsync("/v1/api/backends/jf/libraries");
        var run = await _api.RunTaskAsync("import");
        var items = await _api.OkAsync("/v1/api/history?perPage=100");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([movies], backend.GetProperty("ignoredLibraries").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(movies, Assert.Single(await StoredAsync()).Options["IGNORE"]);
        Assert.True(libraries.EnumerateArray().Single(l => l.GetProperty("id").GetString() == movies).GetProperty("ignored").GetBoolean());
        Assert.Equal("ok", run.GetProperty("outcome").GetString());
        Assert.Contains("library 'Movies' ignored (options.IGNORE)", run.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(items.GetProperty("items").EnumerateArray(), i => Assert.Equal("episode", i.GetProperty("type").GetString()));
        Assert.Equal(2, items.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_library_can_be_ignored_no_more()
    {
        await _api.AddJellyfinAsync();
        var movies = _api.Jellyfin.LibraryIdOf("Movies");
        await _api.SendAsync(HttpMethod.Put, $"/v1/api/backends/jf/libraries/{movies}/ignore");

        var (status, backend) = await _api.SendAsync(HttpMethod.Put, $"/v1/api/backends/jf/libraries/{movies}/ignore", new { ignore = false });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(backend.GetProperty("ignoredLibraries").EnumerateArray());
        Assert.False(Assert.Single(await StoredAsync()).Options.ContainsKey("IGNORE"));
    }

    [Fact]
    public async Task Live_status_lists_every_backend_with_its_switch()
    {
        await _api.AddJellyfinAsync();
        await _api.PatchAsync("/v1/api/backends/jf", new { live = false });

        var live = await _api.OkAsync("/v1/api/system/live");

        var jf = Assert.Single(live.EnumerateArray());
        Assert.Equal("jf", jf.GetProperty("backend").GetString());
        Assert.False(jf.GetProperty("enabled").GetBoolean());
    }
}
