using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Identities;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Tests.Api;

/// <summary>/v1/api/identities with a Jellyfin and an Emby simulator, and history browsed as an identity.</summary>
public sealed class IdentitiesApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;
    private MediaBrowserSimulator _emby = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IdentityFiles Files => _api.Services.GetRequiredService<IdentityFiles>();

    public async ValueTask InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        _api.Jellyfin.MarkPlayed(_api.Jellyfin.AdminUserId, _api.Jellyfin.ItemIdOf("The Matrix"), DateTimeOffset.UtcNow.AddDays(-1));
        await _api.AddJellyfinAsync();
        _emby = await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions
        {
            Flavor = MediaBrowserFlavor.Emby,
            Library = SimLibrary.Parse("""movie "The Matrix" 1999 imdb=tt0133093 @Erin:played"""),
        }, Ct);
        var (status, body) = await _api.PostAsync("/v1/api/backends", new { name = "emby", type = "emby", url = _emby.BaseUrl.ToString(), token = _emby.ApiKey });
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        Assert.Equal("ok", (await _api.RunTaskAsync("import")).GetProperty("outcome").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _emby.DisposeAsync();
    }

    private async Task AddAliceAsync()
    {
        var main = await Files.LoadAsync(IdentityFiles.Main, Ct);
        await Files.SaveAsync("alice", [.. main.Select(b => b with { User = "alice-id-on-" + b.Name })], Ct);
    }

    [Fact]
    public async Task The_list_has_main_first_with_its_users_and_item_count_then_the_others()
    {
        await AddAliceAsync();

        var list = (await _api.OkAsync("/v1/api/identities")).EnumerateArray().ToList();

        Assert.Equal(["main", "alice"], list.Select(i => i.GetProperty("name").GetString()));
        Assert.True(list[0].GetProperty("main").GetBoolean());
        Assert.Equal(4, list[0].GetProperty("itemCount").GetInt64());
        Assert.Equal(0, list[1].GetProperty("itemCount").GetInt64());
        Assert.Equal("config/users/alice/servers.yaml", list[1].GetProperty("file").GetString());
        Assert.Equal(
            ["jf=alice-id-on-jf", "emby=alice-id-on-emby"],
            list[1].GetProperty("backends").EnumerateArray().Select(b => $"{b.GetProperty("backend").GetString()}={b.GetProperty("user").GetString()}"));
    }

    [Fact]
    public async Task Match_proposes_groups_with_reasons_and_lists_the_unmatched()
    {
        var match = await _api.OkAsync("/v1/api/identities/match");

        var groups = match.GetProperty("groups").EnumerateArray().ToDictionary(
            g => g.GetProperty("name").GetString()!,
            g => g.GetProperty("members").EnumerateArray().Select(m => $"{m.GetProperty("backend").GetString()}:{m.GetProperty("userName").GetString()}:{m.GetProperty("reason").GetString()}").ToList());
        Assert.Equal(["jf:admin:same name", "emby:admin:same name"], groups["main"]);
        Assert.Equal(["jf:alice:same name", "emby:alice:same name"], groups["alice"]);
        var erin = Assert.Single(match.GetProperty("unmatched").EnumerateArray());
        Assert.Equal("Erin", erin.GetProperty("userName").GetString());
        Assert.Equal("only on emby", erin.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Provision_dry_run_reports_what_it_would_create_and_writes_nothing_then_the_real_run_does()
    {
        var (status, preview) = await _api.PostAsync("/v1/api/identities/provision", new { dryRun = true });

        Assert.True(status == HttpStatusCode.OK, preview.ToString());
        Assert.True(preview.GetProperty("dryRun").GetBoolean());
        var alice = preview.GetProperty("identities").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "alice");
        Assert.Equal("created", alice.GetProperty("change").GetString());
        Assert.Equal(["jf", "emby"], alice.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("backend").GetString()));
        Assert.Equal("Erin", Assert.Single(preview.GetProperty("unmatched").EnumerateArray()).GetProperty("userName").GetString());
        Assert.Equal(["main"], Files.List());

        var (done, report) = await _api.PostAsync("/v1/api/identities/provision", new { dryRun = false });

        Assert.True(done == HttpStatusCode.OK, report.ToString());
        Assert.Equal(["main", "alice"], Files.List());
        Assert.Equal(_api.Jellyfin.UserIdOf("alice"), (await Files.LoadAsync("alice", Ct)).Single(b => b.Name == "jf").User);
    }

    [Fact]
    public async Task A_broken_mapper_file_is_a_409_naming_its_line()
    {
        await File.WriteAllTextAsync(Path.Combine(_api.Paths.ConfigDir, MapperFile.FileName), "map:\n  - jf:\n      nmae: bob\n", Ct);

        var (status, problem) = await _api.GetAsync("/v1/api/identities/match");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("mapper.yaml line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_identity_deletes_its_folder_and_its_rows()
    {
        var main = await Files.LoadAsync(IdentityFiles.Main, Ct);
        await Files.SaveAsync("alice", [.. main.Select(b => b with { User = b.Name == "jf" ? _api.Jellyfin.UserIdOf("alice") : _emby.UserIdOf("alice") })], Ct);
        var imported = await _api.Services.GetRequiredService<Importer>()
            .RunAsync(new ImportRequest(await Files.LoadAsync("alice", Ct)) { Identity = "alice" }, SilentImportProgress.Instance, Ct);
        Assert.All(imported, r => Assert.Null(r.Error));
        Assert.Equal(4, (await _api.OkAsync("/v1/api/identities"))[1].GetProperty("itemCount").GetInt64());

        var (status, _) = await _api.SendAsync(HttpMethod.Delete, "/v1/api/identities/alice");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.False(Directory.Exists(Path.Combine(_api.Paths.ConfigDir, "users", "alice")));
        Assert.Equal(["main"], (await _api.OkAsync("/v1/api/identities")).EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        var counts = await _api.Services.GetRequiredService<IdentityPurge>().ItemCountsAsync(Ct);
        Assert.False(counts.ContainsKey("alice"));
        Assert.Equal(4, counts["main"]);
    }

    [Theory]
    [InlineData("main", HttpStatusCode.BadRequest, "cannot be removed")]
    [InlineData("nobody", HttpStatusCode.NotFound, "no identity 'nobody'")]
    [InlineData("Not-Valid", HttpStatusCode.NotFound, "no identity 'Not-Valid'")]
    public async Task Removing_main_or_an_unknown_identity_is_refused_with_a_problem(string name, HttpStatusCode expected, string detail)
    {
        var (status, problem) = await _api.SendAsync(HttpMethod.Delete, $"/v1/api/identities/{name}");

        Assert.Equal(expected, status);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(_api.Paths.ServersFile));
    }

    [Theory]
    [InlineData("GET", "/v1/api/history?identity=nobody")]
    [InlineData("GET", "/v1/api/history/1?identity=nobody")]
    [InlineData("POST", "/v1/api/history/1/played?identity=nobody")]
    [InlineData("POST", "/v1/api/history/1/unplayed?identity=nobody")]
    public async Task History_of_an_unknown_identity_is_a_404_listing_the_known_ones(string method, string url)
    {
        var (status, problem) = await _api.SendAsync(new HttpMethod(method), url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no identity 'nobody'; known: main", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_as_an_identity_shows_only_its_items()
    {
        await AddAliceAsync();
        var mainItem = (await _api.OkAsync("/v1/api/history?q=matrix")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var alice = await _api.OkAsync("/v1/api/history?identity=alice");
        var (show, _) = await _api.GetAsync($"/v1/api/history/{mainItem}?identity=alice");
        var (mark, _) = await _api.PostAsync($"/v1/api/history/{mainItem}/played?identity=alice");
        var main = await _api.OkAsync($"/v1/api/history/{mainItem}?identity=main");

        Assert.Equal(0, alice.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, show);
        Assert.Equal(HttpStatusCode.NotFound, mark);
        Assert.Equal("The Matrix", main.GetProperty("item").GetProperty("displayTitle").GetString());
    }

    [Fact]
    public async Task Without_the_api_key_identities_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = _api.Http.BaseAddress };

        using var list = await anonymous.GetAsync("/v1/api/identities", Ct);
        using var remove = await anonymous.DeleteAsync("/v1/api/identities/alice", Ct);
        using var provision = await anonymous.PostAsync("/v1/api/identities/provision", new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, remove.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, provision.StatusCode);
    }
}
