using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WatchState.Simulator.Plex;

namespace WatchState.Simulator;

/// <summary>
/// A fake Plex Media Server on a loopback Kestrel port: same routes, XML unless JSON is asked for, token-keyed
/// play state (each user's token sees and changes only that user's state), paging by header or query.
/// plex.tv (user lists, token exchange) is <see cref="PlexTvSimulator"/>; <see cref="TokenOf"/> hands out user tokens directly.
/// </summary>
public sealed partial class PlexSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PlexServer _server;

    private PlexSimulator(WebApplication app, PlexServer server, Uri baseUrl)
    {
        _app = app;
        _server = server;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; }

    public string AdminToken => _server.AdminToken;

    internal PlexServer Server => _server;

    public string MachineIdentifier => _server.MachineIdentifier;

    public SimulatorFaults Faults => _server.Faults;

    public int RequestCount => _server.RequestCount;

    /// <summary>"GET /library/sections/1/all?…" per request, oldest first, the last 10,000 only.</summary>
    public IReadOnlyList<string> RequestLog => _server.RequestLog;

    /// <summary>
    /// The requests that could have changed play state (<c>/:/</c> calls and any method but GET/HEAD), oldest
    /// first: a dry run must leave this empty.
    /// </summary>
    public IReadOnlyList<string> Writes => [.. _server.RequestLog.Where(IsWrite)];

    public static async Task<PlexSimulator> StartAsync(PlexSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new PlexServer(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.Use((ctx, next) => PlexPipeline.Faults(ctx, server, next));
        app.Use((ctx, next) => PlexPipeline.Authenticate(ctx, server, next));
        app.UseWebSockets();
        app.UseRouting();
        app.Use(PlexPipeline.CaseSensitivePaths);
        PlexSystemEndpoints.Map(app, server);
        PlexLibraryEndpoints.Map(app, server);
        PlexPlayStateEndpoints.Map(app, server);
        PlexSessionEndpoints.Map(app, server);
        PlexNotifications.Map(app, server);
        app.MapFallback(ctx => PlexHttp.Html(ctx, StatusCodes.Status404NotFound, PlexHttp.NotFound));

        // Open notification sockets would hold the shutdown until its timeout.
        app.Lifetime.ApplicationStopping.Register(server.Notifications.CloseAll);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlexSimulator(app, server, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>A user's server token; "admin" is the owner (<see cref="AdminToken"/>).</summary>
    public string TokenOf(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return _server.TokenOf(userName);
    }

    /// <summary>
    /// Rating key of a movie ("The Matrix"), a show ("Breaking Bad") or an episode ("Breaking Bad S01E02", also
    /// any episode a multi-episode file covers, which all share the file's one item).
    /// </summary>
    public string RatingKeyOf(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var catalog = _server.Catalog;
        var item = catalog.Lookup(title);
        if (item is null && EpisodeTitle().Match(title) is { Success: true } m)
        {
            var season = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var number = int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            item = catalog.Lookup($"{m.Groups[1].Value} S{season:D2}E{number:D2}");
        }

        return item?.RatingKey.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? throw new KeyNotFoundException($"no item titled '{title}'");
    }

    /// <summary>Like /:/scrobble: viewCount + 1, lastViewedAt = now, viewOffset cleared.</summary>
    public void Scrobble(string userName, string ratingKey) => _server.Scrobble(User(userName), Item(ratingKey));

    /// <summary>Like /:/unscrobble: viewCount, lastViewedAt and viewOffset all removed.</summary>
    public void Unscrobble(string userName, string ratingKey) => _server.Unscrobble(User(userName), Item(ratingKey));

    /// <summary>Like a stopped /:/timeline: viewOffset = offset, lastViewedAt = now.</summary>
    public void SetProgress(string userName, string ratingKey, TimeSpan offset) =>
        _server.SetProgress(User(userName), Item(ratingKey), (long)offset.TotalMilliseconds);

    /// <summary>One user's current state of an item, as the server would report it (viewCount, lastViewedAt, viewOffset).</summary>
    public SimPlayState GetPlayState(string userName, string ratingKey)
    {
        var s = _server.Get(User(userName), Item(ratingKey).RatingKey);
        return new SimPlayState
        {
            Played = s.ViewCount > 0,
            PlayCount = s.ViewCount,
            LastPlayed = s.LastViewedAt is { } at ? DateTimeOffset.FromUnixTimeSeconds(at) : null,
            Position = s.ViewOffset is { } offset ? TimeSpan.FromMilliseconds(offset) : TimeSpan.Zero,
        };
    }

    /// <summary>The server's local account id of a user, as sessions and webhooks name them; the owner is 1.</summary>
    public long AccountIdOf(string userName)
    {
        var user = User(userName);
        return _server.Accounts().First(a => string.Equals(a.Name, user, StringComparison.OrdinalIgnoreCase)).Id;
    }

    /// <summary>
    /// A player of <paramref name="userName"/> starts playing an item; <c>/status/sessions</c> lists it until stopped
    /// and live listeners hear a <c>playing</c> notification.
    /// </summary>
    public void StartPlaying(string userName, string ratingKey, TimeSpan position = default)
    {
        var session = _server.Sessions.Start(User(userName), Item(ratingKey).RatingKey, (long)position.TotalMilliseconds);
        _server.Notifications.Playing(session, "playing");
    }

    /// <summary>The player reports a new position (or "paused", "buffering"); live listeners hear it.</summary>
    /// <exception cref="InvalidOperationException">The user is not playing the item.</exception>
    public void ReportPlaying(string userName, string ratingKey, TimeSpan position, string state = "playing")
    {
        var session = _server.Sessions.Move(User(userName), Item(ratingKey).RatingKey, (long)position.TotalMilliseconds)
            ?? throw new InvalidOperationException($"{userName} is not playing item {ratingKey}");
        _server.Notifications.Playing(session, state);
    }

    /// <summary>The session ends; live listeners hear <c>stopped</c> at its last position.</summary>
    public void StopPlaying(string userName, string ratingKey)
    {
        if (_server.Sessions.Stop(User(userName), Item(ratingKey).RatingKey) is { } session)
        {
            _server.Notifications.Playing(session, "stopped");
        }
    }

    /// <summary>Open <c>/:/websockets/notifications</c> connections.</summary>
    public int LiveConnections => _server.Notifications.Count;

    /// <summary>Closes every notification socket, as a server restart does.</summary>
    public void CloseLiveConnections() => _server.Notifications.CloseAll();

    /// <summary>While true, new notification sockets are refused (503), as while a server restarts.</summary>
    public bool RefuseLiveConnections
    {
        get => _server.Notifications.Refusing;
        set => _server.Notifications.Refusing = value;
    }

    /// <summary>Sends any text frame to every notification socket (e.g. garbage a client must survive).</summary>
    public void SendLiveFrame(string text) => _server.Notifications.SendRaw(text);

    public async ValueTask DisposeAsync()
    {
        // Requests held back by SimulatorFaults.Delay must not stretch a test's teardown to the default 30 s.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private static bool IsWrite(string line) =>
        line.Contains(" /:/", StringComparison.Ordinal)
        || !(line.StartsWith("GET ", StringComparison.Ordinal) || line.StartsWith("HEAD ", StringComparison.Ordinal));

    private string User(string userName) => _server.UserOf(_server.TokenOf(userName))!;

    private PlexItem Item(string ratingKey) =>
        _server.Catalog.Find(ratingKey) ?? throw new KeyNotFoundException($"no item with rating key '{ratingKey}'");

    [GeneratedRegex(@"^(.*) S(\d+)E(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpisodeTitle();
}
