using Dapper;
using WatchState.Storage;

namespace WatchState.Web;

/// <summary>When a backend was last read from and written to (its cursors move on every successful run).</summary>
internal sealed record BackendActivity(DateTimeOffset? LastImport, DateTimeOffset? LastExport);

/// <summary>The dashboard's few counts, each one indexed query rather than a scan per backend or item.</summary>
internal sealed class DashboardQueries(Database database)
{
    public async Task<IReadOnlyDictionary<string, BackendActivity>> ActivityAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Backend, string Direction, long UpdatedAt)>(new CommandDefinition(
            "SELECT backend, direction, updated_at FROM cursors WHERE identity = 'main'", cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Backend, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new BackendActivity(Latest(g, "import"), Latest(g, "export")),
            StringComparer.Ordinal);
    }

    /// <summary>Writes waiting (or failed and waiting for another attempt) and writes refused for good.</summary>
    public async Task<(long Pending, long Failed)> OutboxCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM outbox WHERE identity = 'main' AND status IN ('pending', 'failed') GROUP BY status",
            cancellationToken: cancellationToken));
        var counts = rows.ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
        return (counts.GetValueOrDefault("pending"), counts.GetValueOrDefault("failed"));
    }

    private static DateTimeOffset? Latest(IEnumerable<(string Backend, string Direction, long UpdatedAt)> rows, string direction) =>
        rows.Where(r => r.Direction == direction).Select(r => (long?)r.UpdatedAt).Max() is { } at ? Time.FromDb(at) : null;
}
