using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WatchState.Storage;

namespace WatchState.Api.Outbox;

/// <summary><c>/v1/api/outbox</c>: the writes to media servers, queued or finished.</summary>
internal static class OutboxApi
{
    public static RouteGroupBuilder MapOutboxApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/outbox").WithTags("Outbox");
        group.MapGet("/", ListAsync).WithSummary("The outbox, newest first: status (pending, done, failed, dropped), paging");
        group.MapPost("/{id:long}/retry", RetryAsync)
            .WithSummary("Send a failed (or waiting) write again at the next export, with a fresh count of attempts");
        return group;
    }

    private static async Task<Results<Ok<Paged<OutboxDto>>, BadRequest<ProblemDetails>>> ListAsync(
        [AsParameters] PageQuery paging, Database database, CancellationToken cancellationToken, string? status = null)
    {
        if (paging.Error is { } error)
        {
            return Problems.BadRequest(error);
        }

        OutboxStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(status[0]))
            {
                return Problems.BadRequest($"status '{status}': use pending, done, failed or dropped");
            }

            wanted = parsed;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var (entries, total) = await new OutboxStore(connection, "main").PageAsync(wanted, paging.Offset, paging.Size, cancellationToken);
        return TypedResults.Ok(paging.Of<OutboxDto>([.. entries.Select(OutboxDto.From)], total));
    }

    private static async Task<Results<Ok<OutboxDto>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RetryAsync(
        long id, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var store = new OutboxStore(connection, "main");
        if (!await store.RetryAsync(id, clock.GetUtcNow(), cancellationToken))
        {
            return await store.GetAsync(id, cancellationToken) is { } finished
                ? Problems.Conflict($"outbox row {id} is {finished.Status.ToString().ToLowerInvariant()}: only pending or failed writes can be retried")
                : Problems.NotFound($"no outbox row with id {id}; list them with GET /v1/api/outbox");
        }

        return TypedResults.Ok(OutboxDto.From((await store.GetAsync(id, cancellationToken))!));
    }
}
