using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// Hands out ids in the flavour's format: Jellyfin 32 lower-case hex derived from the server id and a stable key
/// (so ids repeat across runs with the same server id), Emby small numbers as strings.
/// </summary>
internal sealed class IdAllocator(MediaBrowserFlavor flavor, string serverId)
{
    private static readonly string[] EmbyLibraryIds = ["3", "7", "9"];
    private long _nextEmbyId = 1000;
    private readonly HashSet<string> _usedKeys = new(StringComparer.Ordinal);
    private long _generation;

    public bool Numeric => flavor == MediaBrowserFlavor.Emby;

    public string Root => Numeric ? "2" : Hash(serverId, "root");

    public string Library(int index) => Numeric ? EmbyLibraryIds[index] : Hash(serverId, "library:" + index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Jellyfin keeps a library's physical folder apart from the view; Emby shows one id for both.</summary>
    public string LibraryFolder(int index) => Numeric ? Library(index) : Hash(serverId, "folder:" + index.ToString(CultureInfo.InvariantCulture));

    public string Item(string key)
    {
        if (Numeric)
        {
            return Interlocked.Increment(ref _nextEmbyId).ToString(CultureInfo.InvariantCulture);
        }

        lock (_usedKeys)
        {
            // Two items with the same key (say, two movies of one title and year) still get distinct ids.
            var unique = key;
            for (var n = 2; !_usedKeys.Add(unique); n++)
            {
                unique = key + "#dup" + n.ToString(CultureInfo.InvariantCulture);
            }

            return Hash(serverId, "item:" + unique);
        }
    }

    /// <summary>A never-used id, as when a replaced file is scanned as a new item.</summary>
    public string Fresh(string key) =>
        Item(key + "#" + Interlocked.Increment(ref _generation).ToString(CultureInfo.InvariantCulture));

    public string User(string name) => Hash(serverId, "user:" + name.ToLowerInvariant());

    public static string Hash(string a, string b)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(a + "\n" + b));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    public static string Dashed(string id) =>
        Guid.TryParseExact(id, "N", out var guid) ? guid.ToString("D") : id;
}
