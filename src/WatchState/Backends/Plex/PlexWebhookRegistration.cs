namespace WatchState.Backends.Plex;

/// <summary>
/// Plex webhooks belong to the plex.tv account, not to the server: the owner's account sees every user's events,
/// so the URL is registered with the owner's (admin) token.
/// </summary>
internal sealed class PlexWebhookRegistration(PlexTvApi plexTv, string adminToken)
{
    private const string Where = "plex.tv account webhooks";

    public async Task<WebhookRegistration> RegisterAsync(Uri url, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var current = await plexTv.GetWebhooksAsync(adminToken, cancellationToken);
        var ours = url.ToString();
        if (current.Contains(ours, StringComparer.Ordinal))
        {
            return new WebhookRegistration(WebhookRegistrationAction.Unchanged, Where);
        }

        var replaced = current.Any(u => WebhookUrls.SameEndpoint(u, url));
        var updated = current.Where(u => !WebhookUrls.SameEndpoint(u, url)).Append(ours).ToList();
        if (!dryRun)
        {
            await plexTv.SetWebhooksAsync(adminToken, updated, cancellationToken);
        }

        return new WebhookRegistration(replaced ? WebhookRegistrationAction.Updated : WebhookRegistrationAction.Added, Where);
    }
}
