using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Configuration;
using WatchState.Live;

namespace WatchState.Pages.Backends;

/// <summary>A configured backend with its live connection, as the backend pages show it.</summary>
internal sealed record BackendRow(BackendConfig Config, LiveConnection? Live)
{
    /// <summary>Whether live events are on; a broken <c>options.LIVE</c> value counts as off (config:test names it).</summary>
    public bool LiveOn
    {
        get
        {
            try
            {
                return LiveSettings.IsEnabled(Config);
            }
            catch (ConfigException)
            {
                return false;
            }
        }
    }

    public string TypeLabel => Config.Type switch
    {
        BackendType.Plex => "Plex",
        BackendType.Jellyfin => "Jellyfin",
        BackendType.Emby => "Emby",
        var other => other.ToString(),
    };

    /// <summary>The synced user as far as the file tells: Plex keeps the name, the others only the id.</summary>
    public string UserLabel =>
        Config.Options.TryGetValue(PlexOptions.UserName, out var name) ? $"{name} ({Config.User})" : Config.User ?? "—";

    public string Link => "/backends/" + Uri.EscapeDataString(Config.Name);
}
