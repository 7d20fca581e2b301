namespace WatchState.Backends;

/// <summary>
/// An extra ability of a backend client: put watchstate's webhook URL into the server's own settings (plex.tv's
/// account webhooks, the Jellyfin Webhook plugin, Emby's notification services).
/// </summary>
public interface IWebhookRegistrar
{
    /// <summary>
    /// Adds the webhook, or updates the one that already points at this watchstate (same address, another API key).
    /// With <paramref name="dryRun"/> only says what it would do.
    /// </summary>
    /// <exception cref="BackendException">The server refused, lacks the feature (no Webhook plugin) or is unreachable.</exception>
    Task<WebhookRegistration> RegisterWebhookAsync(Uri url, bool dryRun, CancellationToken cancellationToken);
}

public enum WebhookRegistrationAction
{
    Added,
    Updated,
    Unchanged,
}

/// <summary>What a registration did (or, in a dry run, would do).</summary>
/// <param name="Where">Where the setting lives, in the server's terms, e.g. "plex.tv account webhooks".</param>
public sealed record WebhookRegistration(WebhookRegistrationAction Action, string Where);

/// <summary>How a registrar recognises a webhook of this watchstate among the server's others.</summary>
public static class WebhookUrls
{
    /// <summary>Same scheme, host, port and path: only the query (the API key) may differ.</summary>
    public static bool SameEndpoint(string? existing, Uri ours)
    {
        ArgumentNullException.ThrowIfNull(ours);
        return Uri.TryCreate(existing, UriKind.Absolute, out var url)
            && string.Equals(url.GetLeftPart(UriPartial.Path).TrimEnd('/'), ours.GetLeftPart(UriPartial.Path).TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }
}
