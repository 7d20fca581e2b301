using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Api.Outbox;

/// <summary><c>/v1/api/events</c>: received webhooks and live events (the inbox).</summary>
internal static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events");
        group.MapGet("/", ListAsync).WithSummary("Received webhooks and live events, newest first: status (pending, applied, ignored, failed), paging");
        group.MapGet("/{id:long}", ShowAsync).WithSummary("One event with its body and what the parser makes of it");
        group.MapPost("/{id:long}/replay", ReplayAsync).WithSummary("Queue an event to be applied again (202); the webhook worker picks it up at once");
        return group;
    }

    private static async Task<Results<Ok<Paged<EventDto>>, BadRequest<ProblemDetails>>> ListAsync(
        [AsParameters] PageQuery paging, InboxStore inbox, CancellationToken cancellationToken, string? status = null)
    {
        if (paging.Error is { } error)
        {
            return Problems.BadRequest(error);
        }

        if (!string.IsNullOrEmpty(status) && !InboxStatus.IsKnown(status))
        {
            return Problems.BadRequest($"status '{status}': use {InboxStatus.Pending}, {InboxStatus.Applied}, {InboxStatus.Ignored} or {InboxStatus.Failed}");
        }

        var (entries, total) = await inbox.PageAsync(string.IsNullOrEmpty(status) ? null : status, paging.Offset, paging.Size, cancellationToken);
        return TypedResults.Ok(paging.Of<EventDto>([.. entries.Select(EventDto.From)], total));
    }

    private static async Task<Results<Ok<EventDetailsDto>, NotFound<ProblemDetails>>> ShowAsync(
        long id, InboxStore inbox, WebhookParsers parsers, CancellationToken cancellationToken)
    {
        var entry = await inbox.GetAsync(id, cancellationToken);
        if (entry is null)
        {
            return Problems.NotFound(NoSuch(id));
        }

        var request = new WebhookRequest(entry.ContentType, entry.UserAgent, entry.Body);
        string? body = null;
        ParsedEventDto? parsed = null;
        string? parseError = null;
        try
        {
            // Shown, not replayed from here: the values of token-like fields are hidden as in the UI and events:show.
            body = WebhookBodyMask.Mask((await WebhookBody.ReadAsync(request, cancellationToken)).Json);
            parsed = ParsedEventDto.From(await parsers.ParseStoredAsync(request, entry.ReceivedAt, cancellationToken));
        }
        catch (WebhookParseException ex)
        {
            parseError = ex.Message;
        }

        return TypedResults.Ok(new EventDetailsDto(EventDto.From(entry), entry.ContentType, entry.UserAgent, body, parsed, parseError));
    }

    private static async Task<Results<Accepted<EventDto>, NotFound<ProblemDetails>>> ReplayAsync(
        long id, InboxStore inbox, WebhookSignal signal, CancellationToken cancellationToken)
    {
        if (!await inbox.RequeueAsync(id, cancellationToken))
        {
            return Problems.NotFound(NoSuch(id));
        }

        signal.Notify();
        var entry = await inbox.GetAsync(id, cancellationToken);
        return TypedResults.Accepted($"/v1/api/events/{id}", EventDto.From(entry!));
    }

    private static string NoSuch(long id) => $"no event with id {id}; list them with GET /v1/api/events";
}
