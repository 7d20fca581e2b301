using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Storage;

namespace WatchState.Auth;

/// <summary>
/// The one admin account, kept as a single row of the <c>settings</c> table (key <c>admin</c>) so name, hash and
/// stamp always change together. The stamp is new whenever the password is set, which signs out every cookie
/// issued before.
/// </summary>
public sealed class AdminStore(Database database)
{
    public const string SettingKey = "admin";

    public async Task<AdminAccount?> GetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE key = $key";
        command.Parameters.AddWithValue("$key", SettingKey);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize(json, AdminStoreJson.Default.AdminAccount)
            : null;
    }

    /// <summary>Stores the admin only when there is none yet (atomic: of two first-run setups one wins); false when one exists.</summary>
    public async Task<bool> TryCreateAsync(AdminAccount account, CancellationToken cancellationToken) =>
        await WriteAsync("INSERT OR IGNORE", account, cancellationToken) == 1;

    /// <summary>Creates the admin or replaces the existing one.</summary>
    public Task SetAsync(AdminAccount account, CancellationToken cancellationToken) =>
        WriteAsync("INSERT OR REPLACE", account, cancellationToken);

    private async Task<int> WriteAsync(string insert, AdminAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{insert} INTO settings (key, value) VALUES ($key, $value)";
        command.Parameters.AddWithValue("$key", SettingKey);
        command.Parameters.AddWithValue("$value", JsonSerializer.Serialize(account, AdminStoreJson.Default.AdminAccount));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>The admin as stored: the password only as a <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/> hash.</summary>
public sealed record AdminAccount(string User, string PasswordHash, string Stamp)
{
    /// <summary>Never prints the hash, should a record end up in a log line or an exception message.</summary>
    public override string ToString() => $"AdminAccount {{ User = {User} }}";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AdminAccount))]
internal sealed partial class AdminStoreJson : JsonSerializerContext;
