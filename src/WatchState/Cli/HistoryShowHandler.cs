using System.Globalization;
using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Cli;

internal sealed class HistoryShowHandler(IdentityRunner identities, HistoryQueries queries, AppSettings settings, CliOutput output)
{
    public async Task<int> RunAsync(string identity, long id, OutputFormat format, CancellationToken cancellationToken)
    {
        // Checked first so a mistyped identity says so rather than "no item".
        _ = await identities.LoadAsync(identity, cancellationToken);
        var details = await queries.ShowAsync(id, identity, cancellationToken);
        if (details is null)
        {
            output.Error($"No item with id {id} for identity '{identity}'. List items with: watchstate history:list{UserFlag(identity)}");
            return CliContext.Failed;
        }

        if (format == OutputFormat.Json)
        {
            output.Json(new ItemDetailsJson(ItemJson.From(details.Item, details.Views), details.Keys, details.History), HistoryJsonContext.Default.ItemDetailsJson);
            return CliContext.Ok;
        }

        var item = details.Item;
        var zone = settings.TimeZone;
        output.Line($"#{item.Id} {item.DisplayTitle}{(item.Year is { } y ? $" ({y})" : "")} — {item.Type.ToString().ToLowerInvariant()}");
        output.Line($"watched: {(item.Watched ? "yes" : "no")} since {HistoryText.Time(item.StateAt, zone)}; resume: {HistoryText.Position(item.ProgressMs)}");
        output.Line($"keys: {string.Join(", ", details.Keys)}");
        output.Line("");

        var views = new CliTable("backend", "remote id", "played", "played at", "added at", "resume", "plays", "seen");
        foreach (var v in details.Views)
        {
            views.Add(
                v.Backend,
                v.Part == 0 ? v.RemoteId : $"{v.RemoteId} (e{v.Part})",
                v.Played ? "yes" : "no",
                HistoryText.Time(v.PlayedAt, zone),
                HistoryText.Time(v.AddedAt, zone),
                HistoryText.Position(v.ProgressMs),
                v.PlayCount.ToString(CultureInfo.InvariantCulture),
                HistoryText.Time(v.UpdatedAt, zone));
        }

        output.Table(views);
        output.Line("");

        var history = new CliTable("when", "backend", "event", "field", "decision", "change", "reason");
        foreach (var h in details.History)
        {
            history.Add(
                HistoryText.Time(h.At, zone),
                h.Backend,
                h.Kind,
                h.Field,
                h.Applied ? "applied" : "refused",
                $"{h.From ?? "-"} → {h.To ?? "-"}",
                h.Reason);
        }

        output.Table(history);
        return CliContext.Ok;
    }

    /// <summary>The <c> -u NAME</c> to repeat in a hint, empty for main.</summary>
    internal static string UserFlag(string identity) => identity == Identities.IdentityFiles.Main ? "" : $" -u {identity}";
}
