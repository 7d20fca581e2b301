using System.Globalization;
using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Cli;

internal sealed class HistoryListHandler(IdentityRunner identities, HistoryQueries queries, AppSettings settings, CliOutput output)
{
    public Task<int> RunAsync(IdentityScope scope, HistoryListOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return identities.RunAsync(scope, options.Output == OutputFormat.Json, identity => RunAsync(identity, options, cancellationToken));
    }

    private async Task<int> RunAsync(string identity, HistoryListOptions options, CancellationToken cancellationToken)
    {
        var filter = new ItemFilter { Identity = identity, Watched = options.Watched, Type = options.Type, Title = options.Title, Limit = options.Limit };
        var items = await queries.ListAsync(filter, cancellationToken);
        if (options.Output == OutputFormat.Json)
        {
            output.Json<IReadOnlyList<ItemJson>>(items.Select(i => ItemJson.From(i.Item, i.Views)).ToArray(), HistoryJsonContext.Default.IReadOnlyListItemJson);
            return CliContext.Ok;
        }

        if (items.Count == 0)
        {
            output.Line(identity == Identities.IdentityFiles.Main
                ? "No items match. Import some with: watchstate state:import"
                : $"No items match. Import some with: watchstate state:import -u {identity}");
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
