using System.Globalization;
using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Cli;

internal sealed class HistoryListHandler(HistoryQueries queries, AppSettings settings, CliOutput output)
{
    public async Task<int> RunAsync(HistoryListOptions options, CancellationToken cancellationToken)
    {
        var filter = new ItemFilter { Watched = options.Watched, Type = options.Type, Title = options.Title, Limit = options.Limit };
        var items = await queries.ListAsync(filter, cancellationToken);
        if (options.Output == OutputFormat.Json)
        {
            output.Json<IReadOnlyList<ItemJson>>(items.Select(i => ItemJson.From(i.Item, i.Views)).ToArray(), HistoryJsonContext.Default.IReadOnlyListItemJson);
            return CliContext.Ok;
        }

        if (items.Count == 0)
        {
            output.Line("No items match. Import some with: watchstate state:import");
            return CliContext.Ok;
        }

        var table = new CliTable("id", "type", "title", "year", "watched", "since", "resume", "backends");
        foreach (var (item, views) in items)
        {
            table.Add(
                item.Id.ToString(CultureInfo.InvariantCulture),
                item.Type.ToString().ToLowerInvariant(),
                item.DisplayTitle,
                item.Year?.ToString(CultureInfo.InvariantCulture),
                item.Watched ? "yes" : "no",
                HistoryText.Time(item.StateAt, settings.TimeZone),
                HistoryText.Position(item.ProgressMs),
                string.Join(", ", views.Select(v => v.Backend).Distinct(StringComparer.Ordinal)));
        }

        output.Table(table);
        return CliContext.Ok;
    }
}
