using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Sync;

/// <summary>
/// <c>options.IGNORE</c>: library ids (comma-separated, as in WatchState) that import never reads, e.g. a
/// "Home Videos" library whose items match nothing.
/// </summary>
public static class IgnoredLibraries
{
    public const string Key = "IGNORE";

    public static IReadOnlySet<string> Of(BackendConfig backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var text = ClientSettings.Find(backend.Options, Key);
        return (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The backend with <paramref name="libraryId"/> added to or removed from the list.</summary>
    public static BackendConfig With(BackendConfig backend, string libraryId, bool ignored)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var ids = Of(backend).Order(StringComparer.Ordinal).ToList();
        ids.Remove(libraryId);
        if (ignored)
        {
            ids.Add(libraryId);
        }

        // The existing key keeps its spelling (ignore, options.IGNORE, ...) so a hand-written file stays recognisable.
        var options = new Dictionary<string, string>(backend.Options, StringComparer.Ordinal);
        var existing = options.Keys.FirstOrDefault(k => ClientSettings.Find(new Dictionary<string, string> { [k] = "" }, Key) is not null) ?? Key;
        if (ids.Count == 0)
        {
            options.Remove(existing);
        }
        else
        {
            options[existing] = string.Join(',', ids);
        }

        return backend with { Options = options };
    }
}
