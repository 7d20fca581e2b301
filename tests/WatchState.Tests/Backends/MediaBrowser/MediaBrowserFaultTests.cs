using WatchState.Backends;
using WatchState.Backends.MediaBrowser;

namespace WatchState.Tests.Backends.MediaBrowser;

/// <summary>How the client reports a simulated server that refuses, fails, stalls or talks nonsense.</summary>
public class MediaBrowserFaultTests
{
    private static CancellationToken Ct => BackendHarness.Ct;

    [Fact]
    public async Task Wrong_token_is_reported_as_rejected()
    {
        await using var h = await BackendHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => h.Client(token: "not-the-key").GetInfoAsync(Ct));

        Assert.Equal("backend home: token rejected (401)", ex.Message);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("home", ex.Backend);
    }

    [Fact]
    public async Task One_503_is_retried_and_the_call_succeeds()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        h.Sim.Faults.FailStatus = 503;
        h.Sim.Faults.FailNextRequests = 1;
        var before = h.Sim.RequestCount;

        var info = await client.GetInfoAsync(Ct);

        Assert.Equal(h.Sim.ServerId, info.Id);
        Assert.Equal(2, h.Sim.RequestCount - before);
        Assert.Contains(h.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("retry 1 of 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lasting_server_errors_give_up_after_three_retries()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        h.Sim.Faults.FailStatus = 500;
        h.Sim.Faults.FailNextRequests = 100;
        var before = h.Sim.RequestCount;

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => client.GetInfoAsync(Ct));

        Assert.Equal("backend home: server error (500) at /System/Info", ex.Message);
        Assert.Equal(4, h.Sim.RequestCount - before);
    }

    [Fact]
    public async Task Server_that_drops_connections_is_unreachable_after_bounded_retries()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        h.Sim.Faults.Down = true;
        var before = h.Sim.RequestCount;

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => client.GetLibrariesAsync(Ct));

        Assert.StartsWith("backend home: server unreachable: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, h.Sim.RequestCount - before);
    }

    [Fact]
    public async Task Nothing_listening_is_unreachable()
    {
        await using var h = await BackendHarness.StartAsync();
        var url = h.Sim.BaseUrl;
        await h.Sim.DisposeAsync();

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => h.Client(url: url).GetInfoAsync(Ct));

        Assert.StartsWith("backend home: server unreachable: ", ex.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task Stalling_server_times_out_per_attempt()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client(options: new() { ["client.timeout"] = "0.2" });
        h.Sim.Faults.Delay = TimeSpan.FromSeconds(30);
        var before = h.Sim.RequestCount;

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => client.GetInfoAsync(Ct));

        Assert.Equal("backend home: timed out after 0.2s", ex.Message);
        Assert.Equal(4, h.Sim.RequestCount - before);
    }

    [Fact]
    public async Task Garbage_body_is_reported_as_invalid_json_without_retrying()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        h.Sim.Faults.Garbage = true;
        var before = h.Sim.RequestCount;

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => client.GetInfoAsync(Ct));

        Assert.StartsWith("backend home: answered with invalid JSON at /System/Info: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("WatchState.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Sim.RequestCount - before);
    }

    [Fact]
    public async Task Body_of_the_wrong_shape_is_invalid_json()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        h.Sim.Faults.Garbage = true;
        h.Sim.Faults.GarbageBody = "[1,2,3]";

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => client.GetInfoAsync(Ct));

        Assert.Equal("backend home: answered with invalid JSON at /System/Info: unexpected value", ex.Message);
    }

    [Fact]
    public async Task Broken_page_yields_no_items_at_all()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        var movies = (await client.GetLibrariesAsync(Ct)).Single(l => l.Kind == LibraryKind.Movies);
        h.Sim.Faults.Garbage = true;
        var pages = 0;

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(async () =>
        {
            await foreach (var page in client.StreamItemsAsync(movies, Ct))
            {
                pages++;
            }
        });

        Assert.Equal(0, pages);
        Assert.StartsWith($"backend home: answered with invalid JSON at /Users/{h.Sim.AdminUserId}/Items: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_user_is_not_found_with_the_path_but_no_query()
    {
        await using var h = await BackendHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => h.Client(user: "0123456789abcdef0123456789abcdef").GetLibrariesAsync(Ct));

        Assert.Equal("backend home: not found (404): /Users/0123456789abcdef0123456789abcdef/Views", ex.Message);
    }

    [Fact]
    public async Task Limited_token_reading_another_user_is_access_denied()
    {
        await using var h = await BackendHarness.StartAsync("movie \"A\" 2000 @alice:played=2024-01-01T00:00:00Z");
        var token = await h.LoginAsync("alice");

        var ex = await Assert.ThrowsAsync<MediaBrowserException>(() => h.Client(token: token, user: h.Sim.AdminUserId).GetLibrariesAsync(Ct));

        Assert.Equal("backend home: access denied (403)", ex.Message);
    }

    [Fact]
    public async Task Token_never_appears_in_urls_or_logs()
    {
        await using var h = await BackendHarness.StartAsync();
        var client = h.Client();
        h.Sim.Faults.FailNextRequests = 1;

        await MediaBrowserImportTests.ReadAllAsync(client);
        await client.GetUsersAsync(Ct);

        Assert.NotEmpty(h.Logs.Lines);
        Assert.DoesNotContain(h.Logs.Lines, l => l.Contains(h.Sim.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(h.Sim.RequestLog, r => r.Contains(h.Sim.ApiKey, StringComparison.Ordinal));
    }
}
