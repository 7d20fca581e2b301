using System.Net;
using System.Text.Json;
using WatchState.Storage;

namespace WatchState.Tests.Webhooks;

/// <summary>A thousand malformed webhooks of every kind at the real endpoint: never a 500, never a crash, never stored unless usable.</summary>
public sealed class WebhookMalformedTests : IAsyncLifetime
{
    private InProcessServe _serve = null!;

    public async ValueTask InitializeAsync() => _serve = await InProcessServe.StartAsync(WebhookHarness.Servers);

    public async ValueTask DisposeAsync() => await _serve.DisposeAsync();

    [Fact]
    public async Task Malformed_bodies_get_a_4xx_problem_and_are_not_stored_while_the_server_keeps_answering()
    {
        var ct = TestContext.Current.CancellationToken;
        var accepted = 0;
        var outcomes = new Dictionary<string, Dictionary<HttpStatusCode, int>>();
        foreach (var webhook in MalformedWebhooks.Generate(1000, seed: 20261124))
        {
            using var response = await _serve.PostAsync(webhook.Request, webhook.RawContentType);
            var status = response.StatusCode;
            var kind = outcomes.TryGetValue(webhook.Kind, out var k) ? k : outcomes[webhook.Kind] = [];
            kind[status] = kind.GetValueOrDefault(status) + 1;
            var code = (int)status;
            Assert.True(code < 500, $"{webhook.Kind}: {status}");
            if (code == 200)
            {
                Assert.False(webhook.MustReject, $"{webhook.Kind} was accepted: {await response.Content.ReadAsStringAsync(ct)}");
                accepted++;
                continue;
            }

            Assert.InRange(code, 400, 499);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), webhook.Kind);
        }

        // Only what parsed was stored; every kind was tried; most of them were refused.
        var stored = await _serve.Inbox.ListAsync(null, 0, ct);
        Assert.Equal(accepted, stored.Count);
        Assert.Equal(13, outcomes.Count);
        Assert.True(accepted < 200, string.Join("; ", outcomes.Select(o => $"{o.Key}: {string.Join(", ", o.Value)}")));

        // Still serving, and still applying: a real webhook after the flood is stored and applied.
        using var real = await _serve.PostAsync(WebhookSamples.Plex("webhook-media.scrobble.json"));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        var id = JsonDocument.Parse(await real.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetInt64();
        Assert.True(await InProcessServe.EventuallyAsync(async () => (await _serve.Inbox.GetAsync(id, ct))?.Status == InboxStatus.Applied));

        // What was accepted from the flood was finished by the worker too, not left pending or crashing it.
        Assert.True(await InProcessServe.EventuallyAsync(async () => (await _serve.Inbox.ListAsync(InboxStatus.Pending, 0, ct)).Count == 0));
    }
}
