using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Cli;

internal sealed class OutboxListHandler(IdentityRunner identities, Database database, AppSettings settings, CliOutput output)
{
    public Task<int> RunAsync(IdentityScope scope, bool failedOnly, OutputFormat format, CancellationToken cancellationToken) =>
        identities.RunAsync(scope, format == OutputFormat.Json, identity => RunAsync(identity, failedOnly, format, cancellationToken));

    private async Task<int> RunAsync(string identity, bool failedOnly, OutputFormat format, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var entries = await new OutboxStore(connection, identity).ListAsync(failedOnly, cancellationToken);
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
