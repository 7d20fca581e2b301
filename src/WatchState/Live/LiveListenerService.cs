using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Live;

/// <summary>
/// Run by <c>serve</c>: one <see cref="LiveListener"/> per backend whose server has an event stream and whose
/// <c>options.LIVE</c> is on. <c>servers.yaml</c> is read again every <see cref="ReloadInterval"/>, so a backend
/// added, changed, switched off or removed is picked up without a restart. The connection uses <c>main</c>'s
/// credentials; on a server whose connection sees every user (Jellyfin/Emby, and Plex with the owner's token) it
/// also reports the users of the other identities, so one socket per server serves everybody and each event lands
/// in its user's identity. Plex also gets each identity's token, to re-read an item as that user.
/// </summary>
public sealed partial class LiveListenerService(
    IdentityDirectory identities,
    IMediaServerFactory factory,
    InboxStore inbox,
    WebhookSignal signal,
    LiveStatus status,
    TimeProvider clock,
    ILoggerFactory loggers)
    : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<LiveListenerService>();
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);

    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ReconcileAsync(stoppingToken);
                await Task.Delay(ReloadInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the listeners below are stopped with it.
        }
        finally
        {
            await StopAllAsync();
        }
    }

    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<IdentityBackends> all;
        try
        {
            all = await identities.LoadAsync(stoppingToken);
        }
        catch (ConfigException e)
        {
            // Keep what runs: a half-edited servers.yaml must not cut every live connection.
            LogConfig(_logger, e.Message);
            return;
        }

        var wanted = new Dictionary<string, (BackendConfig Backend, Audience Users, string Fingerprint)>(StringComparer.Ordinal);
        foreach (var backend in all.Count == 0 ? [] : all[0].Backends)
        {
            if (Wants(backend))
            {
                var users = new Audience(UsersOf(backend, all), TokensOf(backend, all));
                // Held in memory only, to notice a changed token; never logged.
                var tokens = string.Join(',', users.Tokens.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
                wanted[backend.Name] = (backend, users, Fingerprint(backend) + "\n" + string.Join(',', users.Ids) + "\n" + tokens);
            }
        }

        foreach (var (name, running) in _running.ToList())
        {
            if (!wanted.TryGetValue(name, out var want) || want.Fingerprint != running.Fingerprint)
            {
                await StopAsync(name, running);
            }
        }

        foreach (var (name, (backend, users, fingerprint)) in wanted)
        {
            if (!_running.ContainsKey(name) && Start(backend, users, fingerprint, stoppingToken) is { } started)
            {
                _running[name] = started;
            }
        }
    }

    private bool Wants(BackendConfig backend)
    {
        try
        {
            return LiveSettings.IsEnabled(backend);
        }
        catch (ConfigException e)
        {
            LogConfig(_logger, e.Message);
            return false;
        }
    }

    /// <summary>The user of <paramref name="backend"/> in every identity (same name and server), <c>main</c>'s first.</summary>
    internal static IReadOnlyList<string> UsersOf(BackendConfig backend, IReadOnlyList<IdentityBackends> all) =>
        [.. SameBackend(backend, all)
            .Select(b => b.User)
            .OfType<string>()
            .Where(u => u.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// The token of every other identity's user of <paramref name="backend"/>, by user id: a source whose item reads
    /// show only the token's own play state (Plex) re-reads an item as its user with it. <c>main</c>'s own user is
    /// read with the backend's token and is left out; the first identity naming a user wins.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> TokensOf(BackendConfig backend, IReadOnlyList<IdentityBackends> all)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var b in SameBackend(backend, all))
        {
            if (b.User is { Length: > 0 } user && !string.Equals(user, backend.User, StringComparison.OrdinalIgnoreCase) && b.Token.Length > 0)
            {
                tokens.TryAdd(user, b.Token);
            }
        }

        return tokens;
    }

    private static IEnumerable<BackendConfig> SameBackend(BackendConfig backend, IReadOnlyList<IdentityBackends> all) => all
        .SelectMany(i => i.Backends)
        .Where(b => b.Name == backend.Name && b.Type == backend.Type && (backend.Uuid is null || WebhookRouter.SameId(b.Uuid, backend.Uuid)));

    private Running? Start(BackendConfig backend, Audience users, string fingerprint, CancellationToken stoppingToken)
    {
        IMediaServer client;
        try
        {
            client = factory.Create(backend);
        }
        catch (BackendException e)
        {
            LogConfig(_logger, e.Message);
            return null;
        }

        if (client is not ILiveEventSource source)
        {
            return null;
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var listener = new LiveListener(backend, source, users.Ids, inbox, signal, status, clock, _logger) { Tokens = users.Tokens };
        return new Running(fingerprint, stop, Task.Run(() => listener.RunAsync(stop.Token), CancellationToken.None));
    }

    private async Task StopAsync(string name, Running running)
    {
        _running.Remove(name);
        status.Removed(name);
        await running.Stop.CancelAsync();
        await running.Task;
        running.Stop.Dispose();
    }

    private async Task StopAllAsync()
    {
        foreach (var (name, running) in _running.ToList())
        {
            await StopAsync(name, running);
        }
    }

    // Any change to how the backend is reached or whom it acts for restarts its listener.
    private static string Fingerprint(BackendConfig b) => string.Join(
        '\n',
        new[] { b.Type.ToString(), b.Url.ToString(), b.Token, b.User ?? "", b.Uuid ?? "" }
            .Concat(b.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")));

    private sealed record Audience(IReadOnlyList<string> Ids, IReadOnlyDictionary<string, string> Tokens);

    private sealed record Running(string Fingerprint, CancellationTokenSource Stop, Task Task);

    [LoggerMessage(Level = LogLevel.Warning, Message = "live events: {Reason}")]
    private static partial void LogConfig(ILogger logger, string reason);
}
