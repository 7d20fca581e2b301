using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Webhooks;

/// <summary>One identity an event is applied to, with its backends that match the event's server and user.</summary>
public sealed record IdentityTarget(string Identity, IReadOnlyList<BackendConfig> Backends);

/// <summary>Where an event goes: the identities of the user who played, or why none.</summary>
/// <param name="Targets">Usually one; more only when the same server user is configured in several identities.</param>
/// <param name="Ignored">Why nothing is applied; null when <paramref name="Targets"/> is not empty.</param>
public sealed record IdentityRoute(IReadOnlyList<IdentityTarget> Targets, string? Ignored);

/// <summary>
/// Sends an event to the identity whose servers file has that server with that user, so one person's activity
/// never touches another's state. Every identity uses the same backend names and the same server uuids; only the
/// <c>user</c> (and token) differ.
/// </summary>
public static class IdentityRouter
{
    public static IdentityRoute Route(ParsedWebhook webhook, IReadOnlyList<IdentityBackends> identities)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(identities);
        var targets = new List<IdentityTarget>();
        string? firstReason = null;
        var knownServer = false;
        foreach (var identity in identities)
        {
            var route = WebhookRouter.Route(webhook, identity.Backends);
            if (route.Ignored is null)
            {
                targets.Add(new IdentityTarget(identity.Identity, route.Backends));
                continue;
            }

            firstReason ??= route.Ignored;
            knownServer |= identity.Backends.Any(b => b.Type == webhook.ServerType && WebhookRouter.SameId(b.Uuid, webhook.ServerId));
        }

        if (targets.Count > 0)
        {
            return new IdentityRoute(targets, null);
        }

        if (!knownServer || webhook.UserId is null)
        {
            // Unknown server, or no user named: the same answer whichever identity is asked.
            return new IdentityRoute([], firstReason ?? "no identity is configured");
        }

        var names = identities
            .SelectMany(i => i.Backends)
            .Where(b => b.Type == webhook.ServerType && WebhookRouter.SameId(b.Uuid, webhook.ServerId))
            .Select(b => b.Name)
            .Distinct(StringComparer.Ordinal);
        return new IdentityRoute([], $"user {webhook.UserId} on {string.Join(", ", names)} belongs to no identity");
    }
}

/// <summary>
/// Every identity's backends for routing, read again only when a servers file was added, removed or rewritten
/// (one directory listing and a stat per file per call), so a flood of events does not re-parse YAML per event.
/// </summary>
public sealed class IdentityDirectory(IdentityFiles files)
{
    private Snapshot? _snapshot;

    /// <exception cref="ConfigException">A servers file is not valid: events wait (stay pending) until it is fixed.</exception>
    public async Task<IReadOnlyList<IdentityBackends>> LoadAsync(CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        if (Volatile.Read(ref _snapshot) is { } cached && cached.Stamp == stamp)
        {
            return cached.Identities;
        }

        var loaded = await files.LoadAllAsync(cancellationToken);
        Volatile.Write(ref _snapshot, new Snapshot(stamp, loaded));
        return loaded;
    }

    private string Stamp() => string.Join('\n', files.List().Select(identity =>
    {
        var file = new FileInfo(files.ServersPath(identity));
        return file.Exists ? $"{identity}|{file.LastWriteTimeUtc.Ticks}|{file.Length}" : $"{identity}|-";
    }));

    private sealed record Snapshot(string Stamp, IReadOnlyList<IdentityBackends> Identities);
}
