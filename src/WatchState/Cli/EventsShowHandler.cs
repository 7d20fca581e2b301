using System.Globalization;
using WatchState.Configuration;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Cli;

internal sealed class EventsShowHandler(InboxStore inbox, WebhookParsers parsers, AppSettings settings, CliOutput output)
{

    public async Task<int> RunAsync(long id, CancellationToken cancellationToken)
    {
        var entry = await inbox.GetAsync(id, cancellationToken);
        if (entry is null)
        {
            output.Error($"No event with id {id}. List events with: watchstate events:list");
            return CliContext.Failed;
        }

        var received = TimeZoneInfo.ConvertTime(entry.ReceivedAt, settings.TimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.Line($"#{entry.Id} {entry.Source} {entry.Event}, received {received}");
        output.Line($"status: {entry.Status}{(entry.Reason is null ? "" : $" — {entry.Reason}")}");
        output.Line($"backends: {entry.Backends ?? "-"}; attempts: {entry.Attempts}");
        output.Line($"content-type: {entry.ContentType}; user-agent: {entry.UserAgent ?? "-"}; {entry.Body.Length} bytes");
        output.Line("");

        var request = new WebhookRequest(entry.ContentType, entry.UserAgent, entry.Body);
        try
        {
            var body = await WebhookBody.ReadAsync(request, cancellationToken);
            output.Line(body.FormField is null ? "body:" : $"body (multipart field '{body.FormField}'):");
            output.Line(WebhookBodyMask.Mask(body.Json));
            output.Line("");
            var parsed = await parsers.ParseStoredAsync(request, entry.ReceivedAt, cancellationToken);
            output.Line($"parsed: {parsed.ServerType} server {parsed.ServerId ?? "-"}, user {parsed.UserId ?? "-"}{(parsed.Note is null ? "" : $"; note: {parsed.Note}")}");
            foreach (var o in parsed.Observations)
            {
                var what = o.SeriesTitle is null ? o.Title : $"{o.SeriesTitle} S{o.Season:00}E{o.Episode:00} {o.Title}";
                output.Line($"  {o.Kind}: {o.Type.ToString().ToLowerInvariant()} {o.RemoteId} '{what}' played={o.Played} "
                    + $"resume={HistoryText.Position(o.ProgressMs)} ids={string.Join(",", o.Ids)}");
            }
        }
        catch (WebhookParseException e)
        {
            output.Line($"cannot be parsed: {e.Message}");
        }

        return CliContext.Ok;
    }
}
