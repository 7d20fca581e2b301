using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Configuration;

namespace WatchState.Webhooks;

/// <summary>Where a webhook goes: the backends it matches, or why it matches none.</summary>
/// <param name="Backends">The configured backends of that server and user (one server may be configured once per user).</param>
/// <param name="Ignored">Why nothing is applied; null when <paramref name="Backends"/> is not empty.</param>
public sealed record WebhookRoute(IReadOnlyList<BackendConfig> Backends, string? Ignored);

/// <summary>
/// Matches a webhook's sender to configured backends: by server type and <c>uuid</c>, then by user. Events of
/// other users of the same server are never applied, and neither are events that name no user.
/// </summary>
public static class WebhookRouter
{
    /// <summary>The Plex server owner's local account id in webhooks, sessions and <c>/accounts</c>.</summary>
    public const string PlexOwnerAccountId = "1";

    public static WebhookRoute Route(ParsedWebhook webhook, IReadOnlyList<BackendConfig> backends)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(backends);
        var server = backends.Where(b => b.Type == webhook.ServerType && SameId(b.Uuid, webhook.ServerId)).ToList();
        if (server.Count == 0)
        {
            return new WebhookRoute([], $"unknown server: no {webhook.ServerType.ToString().ToLowerInvariant()} backend has uuid {webhook.ServerId ?? "(none)"}");
        }

        if (webhook.UserId is null)
        {
            return new WebhookRoute([], "the event names no user: applied only when the user is known");
        }

        var matched = server.Where(b => IsUser(b, webhook.UserId)).ToList();
        return matched.Count == 0
            ? new WebhookRoute([], $"not the configured user: user {webhook.UserId} on {string.Join(", ", server.Select(b => b.Name))}")
            : new WebhookRoute(matched, null);
    }

    /// <summary>
    /// A Plex backend without an admin token or a limited token is the owner's, and the owner appears as account 1
    /// in webhooks as well as under the plex.tv id.
    /// </summary>
    public static bool IsPlexOwner(BackendConfig backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return backend.Type == BackendType.Plex
            && PlexOptions.Find(backend.Options, PlexOptions.AdminToken) is null
            && !string.Equals(PlexOptions.Find(backend.Options, PlexOptions.LimitedToken), "true", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsUser(BackendConfig backend, string userId) =>
        SameId(backend.User, userId) || (userId == PlexOwnerAccountId && IsPlexOwner(backend));

    // Jellyfin writes ids with and without dashes, in either case, depending on where they come from.
    internal static bool SameId(string? configured, string? sent) =>
        configured is not null && sent is not null
        && string.Equals(configured.Replace("-", "", StringComparison.Ordinal), sent.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
