using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Cli;
using WatchState.Storage;
using WatchState.Tests.Configuration;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>
/// A data directory with one backend per fixture server (and a second Plex user), the real services, and
/// helpers that accept a webhook into the inbox as the endpoint does and read the resulting state.
/// </summary>
internal sealed class WebhookHarness : IAsyncDisposable
{
    public const string Servers = """
        plex_owner:
          type: plex
          url: http://127.0.0.1:9
          token: owner-token
          uuid: 7d5f0c6b9e2a4c1f8b3e6a9d2c5f8e1b4a7d0c3f
          user: 11111111
        plex_kid:
          type: plex
          url: http://127.0.0.1:9
          token: kid-token
          uuid: 7d5f0c6b9e2a4c1f8b3e6a9d2c5f8e1b4a7d0c3f
          user: 22222222
          options:
            ADMIN_TOKEN: owner-token
        jellyfin:
          type: jellyfin
          url: http://127.0.0.1:9
          token: jf-token
          uuid: a7fc5094cc8546ef876d29f90b2db025
          user: 8b3927ec-daff-469c-9499-74a42fe1ff5d
        emby:
          type: emby
          url: http://127.0.0.1:9
          token: emby-token
          uuid: 86948e6c881522c4baca4c1fd10319d9
          user: 5c6157fb8ae34f63bcea188887d7a3f0
        """;

    private readonly TempDataDirectory _data = new();
    private ServiceProvider _services = null!;
    private DateTimeOffset _next = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public TempDataDirectory Data => _data;

    public InboxStore Inbox => _services.GetRequiredService<InboxStore>();

    public static async Task<WebhookHarness> CreateAsync(string servers = Servers)
    {
        var harness = new WebhookHarness();
        harness._data.WriteServers(servers);
        await harness.RestartAsync();
        return harness;
    }

    /// <summary>New services over the same data directory, as after a process restart.</summary>
    public async Task RestartAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        var host = new CliHost
        {
            Environment = new Dictionary<string, string> { ["WS_DATA_PATH"] = _data.Root },
            CurrentDirectory = _data.Root,
            Out = TextWriter.Null,
            Error = TextWriter.Null,
        };
        _services = CliServices.Build(await CliStartup.LoadAsync(host, verbose: false, TestContext.Current.CancellationToken));
    }

    public WebhookProcessor Processor => _services.GetRequiredService<WebhookProcessor>();

    public IServiceProvider Services => _services;

    /// <summary>Parses and stores a webhook as the endpoint does; each one is received a minute after the last.</summary>
    public async Task<long> AcceptAsync(WebhookRequest request)
    {
        var at = _next;
        _next = _next.AddMinutes(1);
        var parsed = await _services.GetRequiredService<WebhookParsers>().ParseAsync(request, at, TestContext.Current.CancellationToken);
        return await Inbox.AddAsync(
            new NewInboxEntry(at, parsed.Source, parsed.Event, request.ContentType, request.UserAgent, request.Body), TestContext.Current.CancellationToken);
    }

    /// <summary>Accepts a webhook and runs the worker once.</summary>
    public async Task<InboxEntry> ApplyAsync(WebhookRequest request)
    {
        var id = await AcceptAsync(request);
        await Processor.ProcessPendingAsync(TestContext.Current.CancellationToken);
        return (await Inbox.GetAsync(id, TestContext.Current.CancellationToken))!;
    }

    /// <summary>The local state of the item a backend knows by this remote id; null when there is none.</summary>
    public async Task<(bool Watched, long ProgressMs)?> ItemAsync(string backend, string remoteId)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.watched, i.progress_ms FROM items i JOIN backend_views v ON v.item_id = i.id
            WHERE v.backend = $backend AND v.remote_id = $remote AND v.part = 0
            """;
        command.Parameters.AddWithValue("$backend", backend);
        command.Parameters.AddWithValue("$remote", remoteId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        return await reader.ReadAsync(TestContext.Current.CancellationToken) ? (reader.GetInt64(0) != 0, reader.GetInt64(1)) : null;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public Task<SqliteConnection> OpenAsync() =>
        _services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);

    /// <summary>A fixture body with some fields changed, sent as JSON.</summary>
    public static WebhookRequest Edited(string fixture, string? agent, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Fixtures.Read(fixture))!.AsObject();
        edit(node);
        return new WebhookRequest(WebhookSamples.JsonType, agent, Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    /// <summary>A Plex fixture payload with some fields changed, sent as Plex sends it.</summary>
    public static WebhookRequest EditedPlex(string file, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Fixtures.Read("plex/" + file))!.AsObject();
        edit(node);
        return WebhookSamples.MultipartOf(node.ToJsonString(), WebhookBody.PlexField, WebhookSamples.PlexAgent, withImage: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
