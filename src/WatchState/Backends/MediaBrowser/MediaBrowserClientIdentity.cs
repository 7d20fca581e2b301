using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace WatchState.Backends.MediaBrowser;

/// <summary>How WatchState introduces itself to Jellyfin/Emby; the servers list it under devices and sessions.</summary>
internal sealed record MediaBrowserClientIdentity(string Client, string Device, string DeviceId, string Version)
{
    public static MediaBrowserClientIdentity ForThisMachine()
    {
        var device = Environment.MachineName;

        // Stable across restarts so the server shows one device rather than a new one per run.
        var deviceId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("WatchState|" + device)).AsSpan(0, 16));
        var version = typeof(MediaBrowserClientIdentity).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return new MediaBrowserClientIdentity("WatchState", device, deviceId, plus < 0 ? version : version[..plus]);
    }

    /// <summary>
    /// The <c>Authorization</c> value. New Jellyfin accepts only this scheme (legacy X-Emby-Token is off by
    /// default from 12.0), and Emby accepts it too.
    /// </summary>
    public string AuthorizationFor(string token) =>
        $"MediaBrowser Token=\"{Quote(token)}\", Client=\"{Quote(Client)}\", Device=\"{Quote(Device)}\", DeviceId=\"{Quote(DeviceId)}\", Version=\"{Quote(Version)}\"";

    // Header values must not break out of their quotes or the header line.
    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
