using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Storage;
using WatchState.Tests.Webhooks;
using WatchState.Webhooks;

namespace WatchState.Tests.Api;

/// <summary>/v1/api/outbox and /v1/api/events.</summary>
public sealed class OutboxApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    /// <summary>Imports, marks Inception played, waits until the write was sent (a mark sends at once) and returns its outbox row's id.</summary>
    private async Task<long> QueueAWriteAsync()
    {
        await _api.AddJellyfinAsync();
        await _api.RunTaskAsync("import");
        var id = (await _api.OkAsync("/v1/api/history?q=Inception")).GetProperty("items")[0].GetProperty("id").GetInt64();
        await _api.PostAsync($"/v1/api/history/{id}/played");
        return await ApiHarness.UntilAsync<long>(async () =>
            (await _api.OkAsync("/v1/api/outbox?status=done")).GetProperty("items") is { } done && done.GetArrayLength() == 1
                ? done[0].GetProperty("id").GetInt64()
                : null);
    }

    private async Task SetStatusAsync(long id, string status)
    {
        // The server refusing a write for good is hard to provoke on purpose; the row is put in that state directly.
        await using var connection = await _api.Services.GetRequiredService<Database>().OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE outbox SET status = $status, attempts = 5, last_error = 'HTTP 400' WHERE id = $id";
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }

    [Fact]
    public async Task The_outbox_lists_rows_by_status()
    {
        var id = await QueueAWriteAsync();

        var all = await _api.OkAsync("/v1/api/outbox");
        var done = await _api.OkAsync("/v1/api/outbox?status=done");
        var pending = await _api.OkAsync("/v1/api/outbox?status=pending");
        await SetStatusAsync(id, "failed");
        var failed = await _api.OkAsync("/v1/api/outbox?status=failed");

        var row = Assert.Single(all.GetProperty("items").EnumerateArray());
        Assert.Equal(id, row.GetProperty("id").GetInt64());
        Assert.Equal("jf", row.GetProperty("backend").GetString());
        Assert.Equal("Inception", row.GetProperty("title").GetString());
        Assert.Equal("played", row.GetProperty("change").GetString());
        Assert.Equal("done", row.GetProperty("status").GetString());
        Assert.Equal(1, done.GetProperty("total").GetInt64());
        Assert.Equal(0, pending.GetProperty("total").GetInt64());
        Assert.Equal(id, Assert.Single(failed.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_failed_write_retried_is_pending_again_and_then_sent()
    {
        var id = await QueueAWriteAsync();
        await SetStatusAsync(id, "failed");

        var (status, row) = await _api.PostAsync($"/v1/api/outbox/{id}/retry");
        await _api.RunTaskAsync("export");
        var after = Assert.Single((await _api.OkAsync("/v1/api/outbox")).GetProperty("items").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pending", row.GetProperty("status").GetString());
        Assert.Equal(0, row.GetProperty("attempts").GetInt32());
        Assert.Equal(("done", 1), (after.GetProperty("status").GetString(), after.GetProperty("attempts").GetInt32()));
        Assert.True(_api.Jellyfin.GetPlayState(_api.Jellyfin.AdminUserId, _api.Jellyfin.ItemIdOf("Inception")).Played);
    }

    [Fact]
    public async Task A_finished_write_cannot_be_retried()
    {
        var id = await QueueAWriteAsync();
        await SetStatusAsync(id, "done");

        var (status, problem) = await _api.PostAsync($"/v1/api/outbox/{id}/retry");
        var (missing, _) = await _api.PostAsync("/v1/api/outbox/999999/retry");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("is done", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Theory]
    [InlineData("/v1/api/outbox?status=lost", "status 'lost'")]
    [InlineData("/v1/api/events?status=lost", "status 'lost'")]
    [InlineData("/v1/api/outbox?perPage=1000", "perPage must be between 1 and 500")]
    [InlineData("/v1/api/events?page=-1", "page must be 1 or more")]
    public async Task A_bad_filter_is_a_400_problem(string url, string expected)
    {
        var (status, problem) = await _api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_received_webhook_is_listed_shown_parsed_and_replayed()
    {
        // A sender's credential inside the payload (some put the server token there) must not be shown back.
        var payload = Fixtures.Read("plex/webhook-media.scrobble.json");
        var webhook = WebhookSamples.MultipartOf(payload.Insert(payload.IndexOf('{', StringComparison.Ordinal) + 1, "\"token\": \"planted-secret-0451\","), WebhookBody.PlexField, WebhookSamples.PlexAgent, withImage: false);
        using (var content = new ByteArrayContent(webhook.Body.ToArray()))
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(webhook.ContentType);
            using var posted = await _api.Http.PostAsync(WebhookEndpoints.Path, content, Ct);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var listed = await _api.OkAsync("/v1/api/events");
        var id = Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64();
        await ApiHarness.UntilAsync<bool>(async () =>
            (await _api.OkAsync($"/v1/api/events/{id}")).GetProperty("event").GetProperty("status").GetString() != "pending" ? true : null);
        var shown = await _api.OkAsync($"/v1/api/events/{id}");
        var (replayStatus, replayed) = await _api.PostAsync($"/v1/api/events/{id}/replay");
        var after = await ApiHarness.UntilAsync(async () =>
        {
            var e = (await _api.OkAsync($"/v1/api/events/{id}")).GetProperty("event");
            return e.GetProperty("status").GetString() != "pending" ? e : (System.Text.Json.JsonElement?)null;
        });

        Assert.Equal(1, listed.GetProperty("total").GetInt64());
        Assert.Equal("plex", shown.GetProperty("parsed").GetProperty("serverType").GetString());
        Assert.Contains("media.scrobble", shown.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("planted-secret-0451", shown.GetRawText(), StringComparison.Ordinal);
        Assert.NotEmpty(shown.GetProperty("parsed").GetProperty("observations").EnumerateArray());
        Assert.Equal(HttpStatusCode.Accepted, replayStatus);
        // The worker is woken by the replay and may already have applied it by the time the answer is written.
        Assert.InRange(replayed.GetProperty("attempts").GetInt32(), 0, 1);
        Assert.Equal(1, after.GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostAsync("/v1/api/events/999999/replay")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("/v1/api/events/999999")).Status);
    }
}
