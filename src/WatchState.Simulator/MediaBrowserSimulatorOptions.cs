namespace WatchState.Simulator;

/// <summary>How a <see cref="MediaBrowserSimulator"/> presents itself.</summary>
public sealed class MediaBrowserSimulatorOptions
{
    public MediaBrowserFlavor Flavor { get; init; } = MediaBrowserFlavor.Jellyfin;

    /// <summary>Reported version; default "10.11.8" for Jellyfin, "4.8.10.0" for Emby.</summary>
    public string? Version { get; init; }

    public string ServerName { get; init; } = "sim";

    /// <summary>32 lower-case hex digits; default: random.</summary>
    public string? ServerId { get; init; }

    /// <summary>The admin API key every request may carry.</summary>
    public string ApiKey { get; init; } = "simulator-api-key";

    public required SimLibrary Library { get; init; }

    /// <summary>
    /// Whether the legacy token forms (X-Emby-Token, X-MediaBrowser-Token, api_key, X-Emby-Authorization, the Emby
    /// scheme) are accepted. Default: false for Jellyfin 12 and later, true for older Jellyfin and for Emby.
    /// </summary>
    public bool? LegacyAuthorization { get; init; }

    /// <summary>Loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// What the web socket's <c>ForceKeepAlive</c> message announces: the client is to send <c>KeepAlive</c> at half
    /// this. Whole seconds; default 60 as the servers send.
    /// </summary>
    public TimeSpan SocketKeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Clock for "now" (mark played without a date, re-scan dates) and for <see cref="SimulatorFaults.Delay"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
