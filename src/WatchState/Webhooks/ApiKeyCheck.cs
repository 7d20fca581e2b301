using System.Security.Cryptography;
using System.Text;
using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Webhooks;

/// <summary>
/// <c>WS_SECURE_API_ENDPOINTS</c> (on by default): a request must carry the API key as <c>?apikey=</c> or an
/// <c>X-Apikey</c> header, compared in constant time. The key is read from the database at most every
/// <see cref="CacheFor"/>, so a key rotated by <c>system:apikey --rotate</c> in another process takes effect
/// within seconds without a restart.
/// </summary>
public sealed class ApiKeyCheck(AppSettings settings, ApiKeyStore store, TimeProvider clock) : IDisposable
{
    public const string QueryName = "apikey";
    public const string HeaderName = "X-Apikey";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ShortLivedCache<string> _key = new(store.GetOrCreateAsync, CacheFor, clock);

    /// <summary>Creates the key on first start, so <c>system:apikey</c> and the server agree from the beginning.</summary>
    public Task EnsureCreatedAsync() => KeyAsync(CancellationToken.None);

    /// <summary>Rotates the key; this process uses the new one at once.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        var key = await store.RotateAsync(cancellationToken);
        _key.Set(key);
        return key;
    }

    public async Task<bool> AllowsAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!settings.SecureApiEndpoints)
        {
            return true;
        }

        return Presented(request) is { } given && await MatchesAsync(given, request.HttpContext.RequestAborted);
    }

    /// <summary>The key a request carries (<c>?apikey=</c> first, then the <c>X-Apikey</c> header), or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? given = request.Query[QueryName];
        if (string.IsNullOrEmpty(given))
        {
            given = request.Headers[HeaderName];
        }

        return string.IsNullOrEmpty(given) ? null : given;
    }

    /// <summary>Whether <paramref name="given"/> is the current key, whatever <c>WS_SECURE_API_ENDPOINTS</c> says.</summary>
    public async Task<bool> MatchesAsync(string given, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(given);
        var key = await KeyAsync(cancellationToken);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The key, for showing the webhook URL to the signed-in admin.</summary>
    public Task<string> CurrentAsync(CancellationToken cancellationToken) => KeyAsync(cancellationToken);

    private Task<string> KeyAsync(CancellationToken cancellationToken) => _key.GetAsync(cancellationToken);

    public void Dispose() => _key.Dispose();
}
