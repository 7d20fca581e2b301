using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Live;

/// <summary>The per-backend switch for live events: <c>options.LIVE</c>, on unless set to false.</summary>
public static class LiveSettings
{
    public const string Key = "LIVE";

    /// <exception cref="ConfigException">The value is not a boolean.</exception>
    public static bool IsEnabled(BackendConfig backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var text = ClientSettings.Find(backend.Options, Key);
        if (text is null)
        {
            return true;
        }

        return ConfigValues.TryParseBool(text, out var on)
            ? on
            : throw new ConfigException($"backend {backend.Name}: options.{Key}: {ConfigValues.NotABool(text)}");
    }
}
