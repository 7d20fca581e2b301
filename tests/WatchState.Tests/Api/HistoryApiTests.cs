using System.Net;
using System.Text.Json;

namespace WatchState.Tests.Api;

/// <summary>/v1/api/history after an import of the Jellyfin simulator, run through the tasks API.</summary>
public sealed class HistoryApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        _api.Jellyfin.MarkPlayed(_api.Jellyfin.AdminUserId, _api.Jellyfin.ItemIdOf("The Matrix"), DateTimeOffset.UtcNow.AddDays(-1));
        await _api.AddJellyfinAsync();
        Assert.Equal("ok", (await _api.RunTaskAsync("import")).GetProperty("outcome").GetString());
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private async Task<long> IdOfAsync(string title) =>
        (await _api.OkAsync($"/v1/api/history?q={Uri.EscapeDataString(title)}")).GetProperty("items").EnumerateArray()
        .Single(i => i.GetProperty("displayTitle").GetString() == title).GetProperty("id").GetInt64();

    [Fact]
    public async Task The_list_pages_with_the_total()
    {
        var first = await _api.OkAsync("/v1/api/history?page=1&perPage=3&sort=title");
        var second = await _api.OkAsync("/v1/api/history?page=2&perPage=3&sort=title");

        Assert.Equal(4, first.GetProperty("total").GetInt64());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(3, first.GetProperty("perPage").GetInt32());
        Assert.Equal(
            ["Breaking Bad S01E01", "Breaking Bad S01E02", "Inception"],
            first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("displayTitle").GetString()));
        Assert.Equal(["The Matrix"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("displayTitle").GetString()));
        Assert.Equal(2, second.GetProperty("page").GetInt32());
    }

    [Theory]
    [InlineData("q=matrix", 1)]
    [InlineData("q=breaking", 2)]
    [InlineData("type=episode", 2)]
    [InlineData("type=movie&watched=true", 1)]
    [InlineData("watched=false", 3)]
    [InlineData("backend=jf", 4)]
    [InlineData("backend=other", 0)]
    public async Task Filters_narrow_the_list(string query, int expected)
    {
        var page = await _api.OkAsync($"/v1/api/history?{query}");

        Assert.Equal(expected, page.GetProperty("total").GetInt64());
        Assert.Equal(expected, page.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("page=0", "page must be 1 or more")]
    [InlineData("perPage=0", "perPage must be between 1 and 500")]
    [InlineData("perPage=501", "perPage must be between 1 and 500")]
    [InlineData("type=song", "type 'song'")]
    [InlineData("sort=size", "sort 'size'")]
    public async Task A_bad_query_is_a_400_problem_saying_what_is_wrong(string query, string expected)
    {
        var (status, problem) = await _api.GetAsync($"/v1/api/history?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.StartsWith(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/api/history?page=abc", "page")]
    [InlineData("/v1/api/history?watched=maybe", "watched")]
    public async Task A_value_that_cannot_be_read_is_a_400_problem_naming_it(string url, string parameter)
    {
        var (status, problem) = await _api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_item_shows_its_backend_views_and_decision_history()
    {
        var id = await IdOfAsync("The Matrix");

        var details = await _api.OkAsync($"/v1/api/history/{id}");

        var item = details.GetProperty("item");
        Assert.True(item.GetProperty("watched").GetBoolean());
        var view = Assert.Single(item.GetProperty("backends").EnumerateArray());
        Assert.Equal("jf", view.GetProperty("backend").GetString());
        Assert.Equal(_api.Jellyfin.ItemIdOf("The Matrix"), view.GetProperty("remoteId").GetString());
        Assert.True(view.GetProperty("played").GetBoolean());
        Assert.Contains("movie:imdb:tt0133093", details.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(
            details.GetProperty("history").EnumerateArray(),
            h => h.GetProperty("to").GetString() == "watched" && h.GetProperty("applied").GetBoolean() && h.GetProperty("backend").GetString() == "jf"
                && h.GetProperty("kind").GetString() == "import");
    }

    [Fact]
    public async Task An_unknown_item_is_a_404_problem()
    {
        var (status, problem) = await _api.GetAsync("/v1/api/history/999999");
        var (markStatus, _) = await _api.PostAsync("/v1/api/history/999999/played");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NotFound, markStatus);
        Assert.Contains("no item with id 999999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marking_played_queues_the_write_and_the_server_gets_it_without_waiting_for_an_export()
    {
        var id = await IdOfAsync("Inception");
        var remoteId = _api.Jellyfin.ItemIdOf("Inception");
        var before = _api.Jellyfin.GetPlayState(_api.Jellyfin.AdminUserId, remoteId).Played;

        var (status, marked) = await _api.PostAsync($"/v1/api/history/{id}/played");
        var done = await ApiHarness.UntilAsync<JsonElement>(async () =>
            (await _api.OkAsync("/v1/api/outbox?status=done")).GetProperty("items") is { } rows && rows.GetArrayLength() == 1 ? rows[0] : null);

        Assert.False(before);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(marked.GetProperty("watched").GetBoolean());
        Assert.True(marked.GetProperty("changed").GetBoolean());
        var queued = Assert.Single(marked.GetProperty("queued").EnumerateArray());
        Assert.Equal(("jf", remoteId, "played"), (queued.GetProperty("backend").GetString(), queued.GetProperty("remoteId").GetString(), queued.GetProperty("change").GetString()));
        Assert.Equal(id, done.GetProperty("itemId").GetInt64());
        Assert.True(_api.Jellyfin.GetPlayState(_api.Jellyfin.AdminUserId, remoteId).Played);
        Assert.DoesNotContain((await _api.OkAsync("/v1/api/tasks")).EnumerateArray(), t => t.GetProperty("name").GetString() == "export" && t.GetProperty("lastRun").ValueKind != JsonValueKind.Null);
        Assert.True((await _api.OkAsync($"/v1/api/history/{id}")).GetProperty("item").GetProperty("watched").GetBoolean());
    }

    [Fact]
    public async Task Marking_unplayed_an_item_watched_on_the_server_queues_an_unplayed_write()
    {
        var id = await IdOfAsync("The Matrix");

        var (status, marked) = await _api.PostAsync($"/v1/api/history/{id}/unplayed");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(marked.GetProperty("watched").GetBoolean());
        Assert.True(marked.GetProperty("changed").GetBoolean());
        Assert.Equal("unplayed", Assert.Single(marked.GetProperty("queued").EnumerateArray()).GetProperty("change").GetString());
    }
}
