using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Cli;
using WatchState.Storage;
using WatchState.Tests.Configuration;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>The real <c>serve</c> app on a loopback port over a temp data directory, with a client that knows the API key.</summary>
internal sealed class InProcessServe : IAsyncDisposable
{
    private readonly TempDataDirectory? _ownedData;
    private readonly WebApplication _app;

    private InProcessServe(TempDataDirectory? ownedData, WebApplication app, HttpClient http, string key)
    {
        _ownedData = ownedData;
        _app = app;
        Http = http;
        Key = key;
    }

    public HttpClient Http { get; }

    public string Key { get; }

    public IServiceProvider Services => _app.Services;

    public InboxStore Inbox => _app.Services.GetRequiredService<InboxStore>();

    public static async Task<InProcessServe> StartAsync(string servers)
    {
        var data = new TempDataDirectory();
        data.WriteServers(servers);
        return await StartAsync(data, owned: true);
    }

    /// <summary>Serves a data directory someone else prepared (and removes).</summary>
    public static Task<InProcessServe> StartAsync(TempDataDirectory data) => StartAsync(data, owned: false);

    private static async Task<InProcessServe> StartAsync(TempDataDirectory data, bool owned)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = new CliHost
        {
            Environment = new Dictionary<string, string> { ["WS_DATA_PATH"] = data.Root, ["WS_LISTEN"] = "http://127.0.0.1:0" },
            CurrentDirectory = data.Root,
            Out = TextWriter.Null,
            Error = TextWriter.Null,
        };
        var app = ServeCommand.Build(await CliStartup.LoadAsync(host, verbose: false, ct));
        await app.StartAsync(ct);
        var http = new HttpClient { BaseAddress = new Uri(ServeCommand.ListeningAddresses(app).Single()) };
        var key = await app.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(ct);
        return new InProcessServe(owned ? data : null, app, http, key);
    }

    public async Task<HttpResponseMessage> PostAsync(WebhookRequest request, string? contentType = null)
    {
        using var message = WebhookLoad.Message(request, Key);
        if (contentType is not null)
        {
            // Sent exactly as given, even when it is not a valid media type.
            message.Content!.Headers.Remove("Content-Type");
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return await Http.SendAsync(message, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits, with a generous limit and no timing assertion, until <paramref name="done"/> holds.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> done, int seconds = 60)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return await done();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _ownedData?.Dispose();
    }
}
