using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Cli;

internal sealed class OutboxListHandler(Database database, AppSettings settings, CliOutput output)
{
    public async Task<int> RunAsync(bool failedOnly, OutputFormat format, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var entries = await new OutboxStore(connection, "main").ListAsync(failedOnly, cancellationToken);
        if (format == OutputFormat.Json)
        {
            output.Json<IReadOnlyList<OutboxJson>>([.. entries.Select(OutboxJson.From)], ExportJsonContext.Default.IReadOnlyListOutboxJson);
        }
        else
        {
            ExportText.Outbox(output, entries, settings.TimeZone);
        }

        return CliContext.Ok;
    }
}
