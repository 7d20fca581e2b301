using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace WatchState.Backends.Plex;

/// <summary>How WatchState introduces itself to Plex; the server lists it under devices.</summary>
internal sealed record PlexClientIdentity(string Product, string Version, string ClientIdentifier, string DeviceName)
{
    public static PlexClientIdentity ForThisMachine()
    {
        var device = Environment.MachineName;

        // Stable across restarts so Plex shows one device rather than a new one per run.
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("WatchState|Plex|" + device)).AsSpan(0, 16));
        var version = typeof(PlexClientIdentity).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return new PlexClientIdentity("WatchState", plus < 0 ? version : version[..plus], id, device);
    }
}
