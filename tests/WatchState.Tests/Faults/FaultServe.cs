using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Backends.Http;
using WatchState.Cli;
using WatchState.Export;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Tests.Cli;
using WatchState.Webhooks;

namespace WatchState.Tests.Faults;

/// <summary>
/// A Jellyfin and an Emby simulator, imported by the real CLI, and the real <c>serve</c> app over them with retry
/// waits of milliseconds and a short <c>client.timeout</c> (the number of retries is the product's own).
/// </summary>
internal sealed class FaultServe : IAsyncDisposable
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        movie "Heat" 1995 imdb=tt0113277 runtime=2h50m
        """;

    private FaultServe(CliRunner cli, MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby, WebApplication app, HttpClient http, string key)
    {
        Cli = cli;
        Jellyfin = jellyfin;
        Emby = emby;
        App = app;
        Http = http;
        Key = key;
    }

    public CliRunner Cli { get; }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string Key { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<FaultServe> StartAsync()
    {
        var jellyfin = await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions { Library = SimLibrary.Parse(Library) }, Ct);
        var emby = await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(Library) }, Ct);
        var cli = new CliRunner();
        cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {jellyfin.BaseUrl}
              token: {jellyfin.ApiKey}
              user: {jellyfin.AdminUserId}
              uuid: {jellyfin.ServerId}
              options:
                client.timeout: {FaultCases.Timeout}
            emby:
              type: emby
              url: {emby.BaseUrl}
              token: {emby.ApiKey}
              user: {emby.AdminUserId}
              uuid: {emby.ServerId}
              options:
                client.timeout: {FaultCases.Timeout}

            """);
        var imported = await cli.RunAsync("state:import");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var host = new CliHost
        {
            Environment = new Dictionary<string, string> { ["WS_DATA_PATH"] = cli.Data.Root, ["WS_LISTEN"] = "http://127.0.0.1:0" },
            CurrentDirectory = cli.Data.Root,
            Out = TextWriter.Null,
            Error = TextWriter.Null,
        };
        var app = ServeCommand.Build(await CliStartup.LoadAsync(host, verbose: false, Ct), services => services
            .Configure<BackendHttpOptions>(o =>
            {
                o.RetryDelay = TimeSpan.FromMilliseconds(1);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(5);
            })
            .Configure<OutboxWorkerOptions>(o => o.RetryDelay = TimeSpan.FromMilliseconds(1)));
        await app.StartAsync(Ct);
        var http = new HttpClient { BaseAddress = new Uri(ServeCommand.ListeningAddresses(app).Single()) };
        var key = await app.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(Ct);
        return new FaultServe(cli, jellyfin, emby, app, http, key);
    }

    public async Task<bool> HealthyAsync()
    {
        using var response = await Http.GetAsync(new Uri("v1/api/system/healthcheck", UriKind.Relative), Ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<HttpStatusCode> PostAsync(WebhookRequest request)
    {
        using var message = Webhooks.WebhookLoad.Message(request, Key);
        using var response = await Http.SendAsync(message, Ct);
        return response.StatusCode;
    }

    public async Task<List<OutboxEntry>> OutboxAsync()
    {
        await using var connection = await App.Services.GetRequiredService<Database>().OpenAsync(Ct);
        return await new OutboxStore(connection, "main").ListAsync(false, Ct);
    }

    public static bool Played(MediaBrowserSimulator server, string title) => server.GetPlayState(server.AdminUserId, server.ItemIdOf(title)).Played;

    /// <summary>Polls until <paramref name="done"/> holds; a generous limit, no timing assertion.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> done) => await Webhooks.InProcessServe.EventuallyAsync(done, seconds: 30);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        await Jellyfin.DisposeAsync();
        await Emby.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Cli.Dispose();
    }
}
