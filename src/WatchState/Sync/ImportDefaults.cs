using System.Globalization;
using WatchState.Configuration;

namespace WatchState.Sync;

/// <summary>The global settings a backend inherits unless its own options say otherwise.</summary>
public static class ImportDefaults
{
    /// <summary><c>WS_LIBRARY_SEGMENT</c> is the default page size; a backend's own <c>LIBRARY_SEGMENT</c> wins.</summary>
    public static BackendConfig Apply(BackendConfig backend, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(settings);
        if (backend.Options.Keys.Any(k => k.EndsWith("LIBRARY_SEGMENT", StringComparison.OrdinalIgnoreCase)))
        {
            return backend;
        }

        var options = new Dictionary<string, string>(backend.Options, StringComparer.Ordinal)
        {
            ["LIBRARY_SEGMENT"] = settings.LibrarySegment.ToString(CultureInfo.InvariantCulture),
        };
        return backend with { Options = options };
    }

    /// <summary>An import of <paramref name="backends"/> with the settings every import takes from <c>WS_*</c>.</summary>
    public static ImportRequest Request(IEnumerable<BackendConfig> backends, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(settings);
        return new ImportRequest([.. backends.Select(b => Apply(b, settings))])
        {
            FullSchedule = settings.ImportFullSchedule,
            TimeZone = settings.TimeZone,
            JellyfinFixPlayed = settings.JellyfinFixPlayed,
            MinProgressMs = (long)settings.ProgressMinimum.TotalMilliseconds,
        };
    }
}
