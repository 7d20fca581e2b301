using System.Security.Cryptography;

namespace WatchState.Storage;

/// <summary>
/// The API key that protects <c>/v1/api</c> endpoints such as the webhook. Created at random the first time it is
/// asked for and kept in the database's <c>settings</c> table (key <c>api_key</c>), so it survives restarts and
/// moves with the data directory. Shown by <c>system:apikey</c>; never logged.
/// </summary>
public sealed class ApiKeyStore(Database database)
{
    public const string SettingKey = "api_key";

    public async Task<string> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // INSERT OR IGNORE: two processes starting at once end up with the same key.
        command.CommandText = """
            INSERT OR IGNORE INTO settings (key, value) VALUES ($key, $candidate);
            SELECT value FROM settings WHERE key = $key;
            """;
        command.Parameters.AddWithValue("$key", SettingKey);
        command.Parameters.AddWithValue("$candidate", NewKey());
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Replaces the key with a new random one (every webhook URL must then be updated) and returns it.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO settings (key, value) VALUES ($key, $value)";
        var key = NewKey();
        command.Parameters.AddWithValue("$key", SettingKey);
        command.Parameters.AddWithValue("$value", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
