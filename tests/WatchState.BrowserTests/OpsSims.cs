using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Backends;
using WatchState.Export;
using WatchState.Scheduling;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.BrowserTests;

/// <summary>
/// A Jellyfin simulator with a small library, configured as backend <c>jf</c> of a <see cref="UiServer"/>, for the
/// Tasks, Outbox, Events, Logs and Settings pages.
/// </summary>
internal sealed class OpsSims : IAsyncDisposable
{
    public const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        movie "Arrival" 2016 imdb=tt2543164 runtime=1h56m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
          s01e02 runtime=48m
          s01e03 runtime=48m
        """;

    private OpsSims(MediaBrowserSimulator jellyfin, UiServer server)
    {
        Jellyfin = jellyfin;
        Server = server;
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public UiServer Server { get; }

    public static async Task<OpsSims> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(Library) }, ct);
        jellyfin.MarkPlayed(jellyfin.AdminUserId, jellyfin.ItemIdOf("The Matrix"), DateTimeOffset.UtcNow.AddDays(-3));
        jellyfin.SetPosition(jellyfin.AdminUserId, jellyfin.ItemIdOf("Inception"), TimeSpan.FromMinutes(42));
        var server = await UiServer.StartAsync(
            $"""
            jf:
              type: jellyfin
              url: {jellyfin.BaseUrl}
              token: {jellyfin.ApiKey}
              user: {jellyfin.AdminUserId}
              uuid: {jellyfin.ServerId}
              options:
                LIVE: false

            """,
            environment);
        await server.CreateAdminAsync();
        return new OpsSims(jellyfin, server);
    }

    /// <summary>As <c>Assert.Empty(tab.ConsoleErrors)</c>, with the messages in full when it fails.</summary>
    public static void AssertNoConsoleErrors(TestPage tab) =>
        Assert.True(tab.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, tab.ConsoleErrors));

    /// <summary>Elements with a style attribute (what a Content-Security-Policy violation was about).</summary>
    public static async Task<string> StyledElementsAsync(TestPage tab) =>
        string.Join(", ", await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[style]')].map(e => e.tagName + '#' + e.id + '.' + e.className + ' style=' + e.getAttribute('style'))"));

    /// <summary>As <c>Assert.False(await tab.OverflowsSidewaysAsync())</c>, naming what sticks out when it fails.</summary>
    public static async Task AssertFitsSidewaysAsync(TestPage tab)
    {
        ArgumentNullException.ThrowIfNull(tab);
        if (await tab.OverflowsSidewaysAsync())
        {
            var wide = await tab.Page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('body *')].filter(e => !e.closest('.table-wrap, .nav') && e.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))");
            Assert.Fail("the page scrolls sideways: " + string.Join(", ", wide));
        }
    }

    /// <summary>Logs in as <see cref="UiServer.LoginAsync"/> does; a failure says where the browser ended up.</summary>
    public async Task LoginAsync(TestPage tab)
    {
        ArgumentNullException.ThrowIfNull(tab);
        try
        {
            await Server.LoginAsync(tab.Page);
        }
        catch (TimeoutException e)
        {
            var text = await tab.Page.InnerTextAsync("body", new() { Timeout = 5_000 });
            throw new InvalidOperationException($"login ended at {tab.Page.Url}: {text[..Math.Min(600, text.Length)]}", e);
        }
    }

    public T Service<T>()
        where T : notnull => Server.App.Services.GetRequiredService<T>();

    /// <summary>Runs a task to its end, as the scheduler would.</summary>
    public async Task<TaskRunResult> RunTaskAsync(string name) =>
        await Service<TaskRunner>().RunAsync(name, TaskTrigger.Manual, TestContext.Current.CancellationToken);

    /// <summary>
    /// Queues writes to <c>jf</c> for every imported item, then records the first as refused by the server, the way
    /// the outbox worker records a 400 answer.
    /// </summary>
    public async Task<(long FailedId, int Queued)> QueueWritesWithOneFailedAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await Service<Database>().OpenAsync(ct);
        var items = (await connection.QueryAsync<(long Id, string Title, string RemoteId)>(new CommandDefinition(
            "SELECT i.id, i.title, v.remote_id FROM items i JOIN backend_views v ON v.item_id = i.id AND v.backend = 'jf' AND v.part = 0 ORDER BY i.id",
            cancellationToken: ct))).ToList();
        Assert.NotEmpty(items);
        var writes = items.Select((item, n) => new PlannedWrite(
            item.Id,
            item.Title,
            "jf",
            n % 2 == 0
                ? new RemoteWrite(item.RemoteId, RemoteWriteKind.MarkPlayed, DateTimeOffset.UtcNow.AddHours(-n))
                : new RemoteWrite(item.RemoteId, RemoteWriteKind.SetProgress, PositionMs: 1_260_000 + (n * 60_000)),
            n % 2 == 0 ? "played on plex 2 h ago" : "resumed on emby"));
        var store = new OutboxStore(connection, "main");
        var queued = await store.EnqueueAsync(writes, DateTimeOffset.UtcNow, ct);
        var failedId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT MIN(id) FROM outbox", cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET status = 'failed', attempts = 5, last_error = @error WHERE id = @id",
            new { id = failedId, error = "jf answered 400 Bad Request: POST /UserPlayedItems/… — the item is not in a library the user can see" },
            cancellationToken: ct));
        return (failedId, queued);
    }

    /// <summary>Posts a Jellyfin "mark played" webhook for a title to <c>/v1/api/webhook</c> with the API key; returns the event id.</summary>
    public async Task<long> PostWebhookAsync(string title, string secret)
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Service<ApiKeyCheck>().CurrentAsync(ct);
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["ServerId"] = Jellyfin.ServerId,
            ["ServerName"] = "living-room",
            ["ServerVersion"] = "10.10.7",
            ["ServerUrl"] = "http://192.168.1.20:8096?api_key=" + secret,
            ["NotificationType"] = "UserDataSaved",
            ["Timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["UtcTimestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["Name"] = title,
            ["ItemId"] = Jellyfin.ItemIdOf(title),
            ["ItemType"] = "Movie",
            ["Year"] = 1999,
            ["Provider_imdb"] = "tt0133093",
            ["PlaybackPositionTicks"] = 0,
            ["PlayCount"] = 1,
            ["Played"] = true,
            ["LastPlayedDate"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
            ["SaveReason"] = "TogglePlayed",
            ["NotificationUsername"] = "admin",
            ["UserId"] = Jellyfin.AdminUserId,
            ["Token"] = secret,
        });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.Url("/v1/api/webhook?apikey=" + key))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd("Jellyfin-Server/10.10.7");
        using var response = await http.SendAsync(request, ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Jellyfin.DisposeAsync();
    }
}
