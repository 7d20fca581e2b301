using System.Diagnostics;
using WatchState.Storage;

namespace WatchState.Benchmarks;

/// <summary>
/// The least a durable accept can cost: the same rows inserted into the inbox table of a database opened the way
/// the product opens it (WAL, synchronous=NORMAL), one commit per row as each 200 needs, no HTTP and no parsing.
/// </summary>
internal static class InboxFloor
{
    public static async Task<double> MeasureAsync(string file, WebhookBodyData[] bodies, CancellationToken cancellationToken)
    {
        var database = new Database(file);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO inbox (received_at, source, event, content_type, user_agent, body)
            VALUES ($received_at, 'bench', 'bench', $content_type, $user_agent, $body)
            RETURNING id
            """;
        var receivedAt = command.Parameters.Add("$received_at", Microsoft.Data.Sqlite.SqliteType.Integer);
        var contentType = command.Parameters.Add("$content_type", Microsoft.Data.Sqlite.SqliteType.Text);
        var userAgent = command.Parameters.Add("$user_agent", Microsoft.Data.Sqlite.SqliteType.Text);
        var body = command.Parameters.Add("$body", Microsoft.Data.Sqlite.SqliteType.Blob);
        command.Prepare();
        var clock = Stopwatch.StartNew();
        foreach (var webhook in bodies)
        {
            receivedAt.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            contentType.Value = webhook.ContentType;
            userAgent.Value = (object?)webhook.UserAgent ?? DBNull.Value;
            body.Value = webhook.Body;
            await command.ExecuteScalarAsync(cancellationToken);
        }

        return clock.Elapsed.TotalSeconds;
    }
}
