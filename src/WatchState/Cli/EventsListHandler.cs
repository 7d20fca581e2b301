using System.Globalization;
using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Cli;

internal sealed class EventsListHandler(InboxStore inbox, AppSettings settings, CliOutput output)
{
    public async Task<int> RunAsync(string? status, int limit, OutputFormat format, CancellationToken cancellationToken)
    {
        var entries = await inbox.ListAsync(status, limit, cancellationToken);
        if (format == OutputFormat.Json)
        {
            output.Json<IReadOnlyList<EventJson>>([.. entries.Select(EventJson.From)], EventsJsonContext.Default.IReadOnlyListEventJson);
            return CliContext.Ok;
        }

        var table = new CliTable("id", "received", "source", "event", "status", "identity", "backends", "reason");
        foreach (var e in entries)
        {
            table.Add(
                e.Id.ToString(CultureInfo.InvariantCulture),
                TimeZoneInfo.ConvertTime(e.ReceivedAt, settings.TimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                e.Source,
                e.Event,
                e.Status,
                e.Identity ?? "-",
                e.Backends ?? "-",
                e.Reason ?? "");
        }

        output.Table(table);
        return CliContext.Ok;
    }
}
