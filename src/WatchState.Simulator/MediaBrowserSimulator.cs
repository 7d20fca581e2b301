using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WatchState.Simulator.MediaBrowser;

namespace WatchState.Simulator;

/// <summary>
/// A fake Jellyfin or Emby server on a loopback Kestrel port that answers like the real one: same routes (case-
/// insensitive, trailing slash tolerated, Emby also under <c>/emby</c>), same auth rules, same JSON shapes.
/// Play state is kept per user and changes the way the real server changes it.
/// </summary>
public sealed partial class MediaBrowserSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimServer _server;
    private readonly SocketHub _sockets;

    private MediaBrowserSimulator(WebApplication app, SimServer server, SocketHub sockets, Uri baseUrl)
    {
        _app = app;
        _server = server;
        _sockets = sockets;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; }

    public string ApiKey => _server.ApiKey;

    public string ServerId => _server.ServerId;

    public string Version => _server.Version;

    public MediaBrowserFlavor Flavor => _server.Flavor;

    /// <summary>The administrator "admin". Every user's password is its name followed by "pass".</summary>
    public string AdminUserId => _server.Users[0].Id;

    public SimulatorFaults Faults => _server.Faults;

    /// <summary>The webhook destinations configured on this server (Jellyfin plugin, Emby notifications).</summary>
    public SimWebhookSettings WebhookSettings => _server.WebhookSettings;

    public int RequestCount => _server.RequestCount;

    /// <summary>"GET /Users/x/Items?…" per request, oldest first, the last 10,000 only.</summary>
    public IReadOnlyList<string> RequestLog => _server.RequestLog;

    /// <summary>
    /// The requests that could have changed play state (any method but GET/HEAD, sign-in aside), oldest first:
    /// a dry run must leave this empty.
    /// </summary>
    public IReadOnlyList<string> Writes => [.. _server.RequestLog.Where(IsWrite)];

    public static async Task<MediaBrowserSimulator> StartAsync(MediaBrowserSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new SimServer(options);
        var sockets = new SocketHub(server);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.Use((ctx, next) => FaultInjection.Middleware(ctx, server, next));
        if (server.IsEmby)
        {
            app.UsePathBase("/emby");
        }

        app.UseWebSockets();
        app.UseRouting();
        app.Use((ctx, next) => Authentication.Middleware(ctx, server, next));
        SystemEndpoints.Map(app, server);
        ItemEndpoints.Map(app, server);
        PlayStateEndpoints.Map(app, server);
        SessionEndpoints.Map(app, server);
        WebhookSettingsEndpoints.Map(app, server, server.WebhookSettings);
        SocketEndpoints.Map(app, server, sockets, options.SocketKeepAlive);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(address.EndsWith('/') ? address : address + "/");
        server.LocalAddress = url.GetLeftPart(UriPartial.Authority);
        server.Port = url.Port;
        return new MediaBrowserSimulator(app, server, sockets, url);
    }

    public string UserIdOf(string name) =>
        _server.FindUserByName(name)?.Id ?? throw new KeyNotFoundException($"no user named '{name}'");

    /// <summary>
    /// Current id of a movie ("The Matrix"), an episode ("Breaking Bad S01E02", also any episode a multi-episode
    /// file covers), a show ("Breaking Bad") or a library ("Movies", "Shows", "Music").
    /// </summary>
    public string ItemIdOf(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var catalog = _server.Catalog;
        if (catalog.Lookup(title) is { } item)
        {
            return item.Id;
        }

        if (EpisodeTitle().Match(title) is { Success: true } m && catalog.Lookup(m.Groups[1].Value) is { Kind: ItemKind.Series } series)
        {
            var season = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var number = int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            var episode = catalog.EpisodesUnder(series.Id).FirstOrDefault(e =>
                e.ParentIndexNumber == season && e.IndexNumber <= number && number <= (e.IndexNumberEnd ?? e.IndexNumber));
            if (episode is not null)
            {
                return episode.Id;
            }
        }

        return catalog.Views.FirstOrDefault(v => string.Equals(v.Name, title, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw new KeyNotFoundException($"no item titled '{title}'");
    }

    /// <summary>Id of a library ("Movies", "Shows", "Music").</summary>
    public string LibraryIdOf(string name) =>
        _server.Catalog.Views.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))?.Id
        ?? throw new KeyNotFoundException($"no library named '{name}'");

    /// <summary>Like POST PlayedItems: PlayCount +1 when a date is given (at least 1), position cleared.</summary>
    public void MarkPlayed(string userId, string itemId, DateTimeOffset? datePlayed) =>
        _server.MarkPlayed(User(userId).Id, Item(itemId), datePlayed?.UtcDateTime);

    /// <summary>Like DELETE PlayedItems: not played, PlayCount 0, no LastPlayedDate, position cleared.</summary>
    public void MarkUnplayed(string userId, string itemId) => _server.MarkUnplayed(User(userId).Id, Item(itemId));

    /// <summary>Like posting UserData with only PlaybackPositionTicks: nothing else changes.</summary>
    public void SetPosition(string userId, string itemId, TimeSpan position) =>
        _server.UserData.Update(User(userId).Id, Item(itemId).Id, s => s with { PositionTicks = position.Ticks });

    /// <summary>One user's current state of an item, as the server would report it.</summary>
    public SimPlayState GetPlayState(string userId, string itemId)
    {
        var s = _server.UserData.Get(User(userId).Id, Item(itemId).Id);
        return new SimPlayState
        {
            Played = s.Played,
            PlayCount = s.PlayCount,
            LastPlayed = s.LastPlayedDate is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : null,
            Position = TimeSpan.FromTicks(s.PositionTicks),
            Favorite = s.IsFavorite,
        };
    }

    /// <summary>
    /// Re-scans a movie or episode: DateCreated becomes now. With <paramref name="newId"/> the file counts as
    /// replaced or renamed, so the item gets a new id and every user's state is lost; the old id answers 404.
    /// Returns the (new) id.
    /// </summary>
    public string Rescan(string itemId, bool newId) => _server.Rescan(Item(itemId).Id, newId);

    /// <summary>A client of <paramref name="userId"/> starts playing an item; <c>/Sessions</c> lists it until stopped.</summary>
    public void StartPlaying(string userId, string itemId, TimeSpan position = default) =>
        _server.Sessions.Start(User(userId).Id, Item(itemId).Id, position.Ticks, _server.Now);

    /// <summary>
    /// The client stops. With <paramref name="saveProgress"/> the server saves where it stopped as the resume point
    /// (and the play date), as a real stop does; without, play state is left alone.
    /// </summary>
    public void StopPlaying(string userId, string itemId, bool saveProgress = false)
    {
        var user = User(userId).Id;
        var item = Item(itemId).Id;
        var stopped = _server.Sessions.Stop(user, item);
        if (saveProgress && stopped is not null)
        {
            var now = _server.Now;
            _server.UserData.Update(user, item, s => s with { PositionTicks = stopped.PositionTicks, LastPlayedDate = now });
        }
    }

    /// <summary>The playing client reports a new position, or pauses; throws when that session is not playing.</summary>
    public void ReportPlaying(string userId, string itemId, TimeSpan position, bool paused = false)
    {
        if (!_server.Sessions.Report(User(userId).Id, Item(itemId).Id, position.Ticks, paused))
        {
            throw new InvalidOperationException($"user {userId} is not playing {itemId}");
        }
    }

    /// <summary>Web sockets open now.</summary>
    public int SocketCount => _sockets.Count;

    /// <summary><c>Sessions</c> messages sent to clients so far.</summary>
    public int SocketSessionsSent => _sockets.SessionsSent;

    /// <summary><c>KeepAlive</c> messages received from clients so far.</summary>
    public int SocketKeepAlives => _sockets.KeepAlives;

    /// <summary>While true, web socket upgrades are answered 503 (a server that is starting).</summary>
    public bool RefuseSockets
    {
        get => _sockets.Refuse;
        set => _sockets.Refuse = value;
    }

    /// <summary>Closes every web socket as a restarting server does.</summary>
    public Task CloseSocketsAsync(CancellationToken cancellationToken = default) => _sockets.CloseAllAsync(cancellationToken);

    /// <summary>Sends a text frame as is to every web socket, e.g. one that is not JSON.</summary>
    public Task SendSocketTextAsync(string text, CancellationToken cancellationToken = default) =>
        _sockets.BroadcastAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _sockets.DisposeAsync();
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A socket that will not close cleanly is cut when the server stops below.
        }

        // Requests held back by SimulatorFaults.Delay must not stretch a test's teardown to the default 30 s.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private static bool IsWrite(string line) =>
        !line.StartsWith("GET ", StringComparison.Ordinal) && !line.StartsWith("HEAD ", StringComparison.Ordinal)
        && !line.Contains("/Users/AuthenticateByName", StringComparison.OrdinalIgnoreCase);

    private SimUser User(string userId) =>
        _server.FindUser(userId) ?? throw new KeyNotFoundException($"no user with id '{userId}'");

    private ServerItem Item(string itemId) =>
        _server.Catalog.Find(itemId) ?? throw new KeyNotFoundException($"no item with id '{itemId}'");

    [GeneratedRegex(@"^(.*) S(\d+)E(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpisodeTitle();
}
