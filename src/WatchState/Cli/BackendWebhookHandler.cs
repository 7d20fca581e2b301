using System.Net;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Cli;

/// <summary>Whether <c>backend:webhook</c> also registers the URL on the server, and whether only as a dry run.</summary>
internal sealed record WebhookRegisterMode(bool Register, bool DryRun);

internal sealed class BackendWebhookHandler(
    ServersFile servers, ApiKeyStore apiKeys, AppSettings settings, IMediaServerFactory factory, CliOutput output)
{
    public async Task<int> RunAsync(string name, string? baseUrl, WebhookRegisterMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mode);
        var backends = await servers.LoadAsync(cancellationToken);
        var backend = backends.FirstOrDefault(b => b.Name == name)
            ?? throw new ConfigException($"backend '{name}' is not in {servers.DisplayName} (known: {(backends.Count == 0 ? "none" : string.Join(", ", backends.Select(b => b.Name)))})");
        if (baseUrl is not null && !ConfigValues.TryParseHttpUrl(baseUrl, out _))
        {
            throw new ConfigException($"--base-url: '{baseUrl}' is not an http:// or https:// URL");
        }

        var url = (baseUrl ?? DefaultBase()).TrimEnd('/') + WebhookEndpoints.Path;
        if (settings.SecureApiEndpoints)
        {
            url += $"?{ApiKeyCheck.QueryName}={await apiKeys.GetOrCreateAsync(cancellationToken)}";
        }

        output.Line($"Webhook for backend '{backend.Name}' ({backend.Type.ToString().ToLowerInvariant()}, server {backend.Uuid ?? "?"}, user {backend.User ?? "?"}):");
        output.Line("");
        output.Line($"  {url}");
        output.Line("");
        foreach (var line in Steps(backend))
        {
            output.Line(line);
        }

        if (backend.Uuid is null)
        {
            output.Warning($"This backend has no uuid in {servers.DisplayName}: its webhooks cannot be matched until it has one (add it again with backend:add).");
        }

        if (baseUrl is null)
        {
            output.Warning("The host above comes from WS_LISTEN; if the server reaches watchstate another way, give --base-url.");
        }

        if (mode.Register)
        {
            return await RegisterAsync(backend, new Uri(url), mode.DryRun, cancellationToken);
        }

        if (mode.DryRun)
        {
            output.Warning("--dry-run only matters with --register: nothing was going to change.");
        }

        return CliContext.Ok;
    }

    private async Task<int> RegisterAsync(BackendConfig backend, Uri url, bool dryRun, CancellationToken cancellationToken)
    {
        output.Line("");
        if (factory.Create(backend) is not IWebhookRegistrar registrar)
        {
            output.Error($"{backend.Type} servers offer no API to register a webhook: set it by hand as above.");
            return CliContext.Failed;
        }

        try
        {
            var done = await registrar.RegisterWebhookAsync(url, dryRun, cancellationToken);
            var what = done.Action switch
            {
                WebhookRegistrationAction.Added => dryRun ? "would be added to" : "added to",
                WebhookRegistrationAction.Updated => dryRun ? "would be updated in" : "updated in",
                _ => "already registered in",
            };
            output.Success($"Webhook {what} the {done.Where}.");
            if (dryRun && done.Action != WebhookRegistrationAction.Unchanged)
            {
                output.Line("Dry run: nothing was changed on the server. Run again without --dry-run to register it.");
            }

            return CliContext.Ok;
        }
        catch (BackendException e)
        {
            output.Error($"Could not register the webhook: {e.Message}. Set it by hand as above.");
            return CliContext.Failed;
        }
    }

    // A wildcard address is not something a server can call; the machine's name usually is.
    private string DefaultBase() => ListenUrls.Reachable(settings.Listen, Dns.GetHostName()).ToString();

    private static IEnumerable<string> Steps(BackendConfig backend) => backend.Type switch
    {
        BackendType.Plex =>
        [
            "On Plex (needs Plex Pass): Plex Web → Settings → Webhooks → Add Webhook → paste the URL → Save Changes.",
            "Add it signed in as the server owner: the owner's webhook reports every user of the server.",
            $"Events of account {backend.User ?? "?"}{(WebhookRouter.IsPlexOwner(backend) ? " (and of the owner, account 1)" : "")} are applied to '{backend.Name}'; other users' are recorded and ignored.",
            "Plex sends nothing when you mark an item played or unplayed: import (and live events) cover that.",
            "Without Plex Pass, Tautulli can forward the same events: see docs/tautulli.md.",
        ],
        BackendType.Jellyfin =>
        [
            "On Jellyfin: Dashboard → Plugins → Catalog → install 'Webhook', restart the server.",
            "Dashboard → Plugins → Webhook → Add Generic Destination:",
            "  Webhook Url: the URL above",
            "  Notification Type: Item Added, Playback Progress, Playback Start, Playback Stop, User Data Saved",
            $"  User Filter: the synced user ({backend.User ?? "?"}) or all users (others are ignored here)",
            "  Item Type: Movies and Episodes",
            "  Send All Properties (ignores template): on; leave the template empty",
            "  Add Request Header: Content-Type = application/json",
        ],
        _ =>
        [
            "On Emby (needs Emby Premiere): Settings → Notifications → Add Notification → Webhooks:",
            "  Url: the URL above; Request content type: application/json (multipart/form-data also works)",
            "  Events: Playback (Start, Pause, Unpause, Stop) and Users (Mark Played, Mark Unplayed)",
            $"  Limit user events to: the synced user ({backend.User ?? "?"})",
            "  'Send Test Notification' should answer OK (watchstate records it as a test).",
        ],
    };
}
