using WatchState.Backends;

namespace WatchState.Configuration;

/// <summary>One entry of <c>config/servers.yaml</c>, with WatchState's key names.</summary>
public sealed record BackendConfig
{
    public required string Name { get; init; }
    public required BackendType Type { get; init; }
    public required Uri Url { get; init; }
    public required string Token { get; init; }

    /// <summary>The server's unique id, filled in when the backend is added.</summary>
    public string? Uuid { get; init; }

    /// <summary>The user id on that server whose play state is synced.</summary>
    public string? User { get; init; }

    public bool ImportEnabled { get; init; } = true;
    public bool ExportEnabled { get; init; } = true;

    /// <summary>The <c>options.*</c> keys, kept as strings so unknown ones survive a rewrite.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Other keys this program does not use (e.g. WatchState's <c>import.lastSync</c>, <c>webhook.match.user</c>),
    /// flattened like <see cref="Options"/>, kept so rewriting the file loses nothing.
    /// </summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
