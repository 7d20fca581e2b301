using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Live;

/// <summary>
/// Keeps one backend's event stream open: every event with something to apply is stored in the inbox (so it is
/// applied exactly once, like a webhook, to the identity of the user it names) and wakes the webhook worker; a
/// dropped connection is retried with backoff.
/// </summary>
/// <param name="users">
/// Every identity's user on this server, <c>main</c>'s first: a source that sees every user on one connection
/// reports them all; any other reports <c>main</c>'s user only.
/// </param>
internal sealed partial class LiveListener(
    BackendConfig backend,
    ILiveEventSource source,
    IReadOnlyList<string> users,
    InboxStore inbox,
    WebhookSignal signal,
    LiveStatus status,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>
    /// The other identities' users with the token acting as each, for a source that re-reads items as each user
    /// (<see cref="IUserTokenLiveEventSource"/>); never logged.
    /// </summary>
    public IReadOnlyDictionary<string, string> Tokens { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new LiveBackoff();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var events = source switch
                {
                    IUserTokenLiveEventSource tokened => tokened.ListenAsync(Tokens, cancellationToken),
                    IMultiUserLiveEventSource multi when users.Count > 0 => multi.ListenAsync(users, cancellationToken),
                    _ => source.ListenAsync(cancellationToken),
                };
                await foreach (var live in events)
                {
                    if (live.Event == LiveEvent.ConnectedEvent)
                    {
                        backoff.Reset();
                        status.Opened(backend.Name, clock.GetUtcNow());
                        LogConnected(logger, backend.Name);
                    }
                    else if (live.Observations.Count > 0)
                    {
                        await StoreAsync(live, cancellationToken);
                    }
                }

                Failed("the server closed the connection");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A server that is down or answers garbage, or a database hiccup while storing: retried, never fatal.
                Failed(e is BackendException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            }

            try
            {
                await Task.Delay(backoff.Take(), clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task StoreAsync(LiveEvent live, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var parsed = new ParsedWebhook(
            LiveEventCodec.SourceOf(backend.Type),
            live.Event,
            backend.Type,
            backend.Uuid,
            live.UserId ?? UserOf(backend),
            live.Observations.Select(o => o with { Backend = backend.Name }).ToList());
        await inbox.AddAsync(
            new NewInboxEntry(now, parsed.Source, parsed.Event, LiveEventCodec.ContentType, LiveEventCodec.UserAgent, LiveEventCodec.Encode(parsed)),
            cancellationToken);
        status.Stored(backend.Name, now);
        signal.Notify();
    }

    /// <summary>The user the router matches the event to: this backend's, so it lands on this backend.</summary>
    internal static string? UserOf(BackendConfig backend) =>
        backend.User ?? (WebhookRouter.IsPlexOwner(backend) ? WebhookRouter.PlexOwnerAccountId : null);

    private void Failed(string reason)
    {
        status.Failed(backend.Name, clock.GetUtcNow(), reason);
        LogDropped(logger, backend.Name, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "live events of {Backend}: connected")]
    private static partial void LogConnected(ILogger logger, string backend);

    [LoggerMessage(Level = LogLevel.Warning, Message = "live events of {Backend}: {Reason}; reconnecting")]
    private static partial void LogDropped(ILogger logger, string backend, string reason);
}
