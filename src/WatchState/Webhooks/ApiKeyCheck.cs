using System.Security.Cryptography;
using System.Text;
using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Webhooks;

/// <summary>
/// <c>WS_SECURE_API_ENDPOINTS</c> (on by default): a request must carry the API key as <c>?apikey=</c> or an
/// <c>X-Apikey</c> header. The key is read once per process and compared in constant time.
/// </summary>
public sealed class ApiKeyCheck(AppSettings settings, ApiKeyStore store)
{
    public const string QueryName = "apikey";
    public const string HeaderName = "X-Apikey";

    private readonly Lazy<Task<string>> _key = new(() => store.GetOrCreateAsync(CancellationToken.None));

    /// <summary>Creates the key on first start, so <c>system:apikey</c> and the server agree from the beginning.</summary>
    public Task EnsureCreatedAsync() => _key.Value;

    public async Task<bool> AllowsAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!settings.SecureApiEndpoints)
        {
            return true;
        }

        string? given = request.Query[QueryName];
        if (string.IsNullOrEmpty(given))
        {
            given = request.Headers[HeaderName];
        }

        if (string.IsNullOrEmpty(given))
        {
            return false;
        }

        var key = await _key.Value;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
    }
}
