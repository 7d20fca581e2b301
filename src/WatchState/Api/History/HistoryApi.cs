using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WatchState.Domain;
using WatchState.Identities;
using WatchState.Storage;

namespace WatchState.Api.History;

/// <summary><c>/v1/api/history</c>: the local items, why they are in their state, and marking them.</summary>
internal static class HistoryApi
{
    /// <summary>The sort names the API and the history page accept.</summary>
    internal static readonly IReadOnlyDictionary<string, ItemSort> Sorts = new Dictionary<string, ItemSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["updated"] = ItemSort.UpdatedAscending,
        ["-updated"] = ItemSort.UpdatedDescending,
        ["title"] = ItemSort.TitleAscending,
        ["-title"] = ItemSort.TitleDescending,
        ["id"] = ItemSort.IdAscending,
        ["-id"] = ItemSort.IdDescending,
    };

    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/history").WithTags("History");
        group.MapGet("/", ListAsync)
            .WithSummary("Search and filter the items: q (title), type (movie, episode), watched, backend, sort (-updated, updated, title, -title, id, -id), identity (default main), paging");
        group.MapGet("/{id:long}", ShowAsync).WithSummary("One item with its per-backend views and decision history");
        group.MapPost("/{id:long}/played", (long id, PlayStateMarker marker, IdentityFiles identities, CancellationToken ct, string? identity) =>
                MarkAsync(id, true, identity, identities, marker, ct))
            .WithSummary("Mark played (an explicit action) and queue the writes to every export-enabled backend");
        group.MapPost("/{id:long}/unplayed", (long id, PlayStateMarker marker, IdentityFiles identities, CancellationToken ct, string? identity) =>
                MarkAsync(id, false, identity, identities, marker, ct))
            .WithSummary("Mark unplayed (an explicit action) and queue the writes to every export-enabled backend");
        return group;
    }

    private static async Task<Results<Ok<Paged<ItemDto>>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> ListAsync(
        [AsParameters] PageQuery paging,
        HistoryQueries queries,
        IdentityFiles identities,
        CancellationToken cancellationToken,
        string? identity = null,
        string? q = null,
        string? type = null,
        bool? watched = null,
        string? backend = null,
        string? sort = null)
    {
        if (paging.Error is { } error)
        {
            return Problems.BadRequest(error);
        }

        if (Unknown(identity, identities) is { } unknown)
        {
            return unknown;
        }

        MediaType? mediaType = null;
        if (!string.IsNullOrEmpty(type))
        {
            if (!Enum.TryParse<MediaType>(type, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(type[0]))
            {
                return Problems.BadRequest($"type '{type}': use movie or episode");
            }

            mediaType = parsed;
        }

        var order = ItemSort.UpdatedDescending;
        if (!string.IsNullOrEmpty(sort) && !Sorts.TryGetValue(sort, out order))
        {
            return Problems.BadRequest($"sort '{sort}': use one of {string.Join(", ", Sorts.Keys)}");
        }

        var filter = new ItemFilter
        {
            Identity = identity ?? IdentityFiles.Main,
            Title = q,
            Type = mediaType,
            Watched = watched,
            Backend = backend,
            Sort = order,
            Limit = paging.Size,
            Offset = paging.Offset,
        };
        var items = await queries.ListAsync(filter, cancellationToken);
        var total = await queries.CountAsync(filter, cancellationToken);
        return TypedResults.Ok(paging.Of<ItemDto>([.. items.Select(i => ItemDto.From(i.Item, i.Views))], total));
    }

    private static async Task<Results<Ok<ItemDetailsDto>, NotFound<ProblemDetails>>> ShowAsync(
        long id, HistoryQueries queries, IdentityFiles identities, CancellationToken cancellationToken, string? identity = null)
    {
        if (Unknown(identity, identities) is { } unknown)
        {
            return unknown;
        }

        var details = await queries.ShowAsync(id, identity ?? IdentityFiles.Main, cancellationToken);
        return details is null ? Problems.NotFound($"no item with id {id}; list items with GET /v1/api/history") : TypedResults.Ok(ItemDetailsDto.From(details));
    }

    private static async Task<Results<Ok<PlayStateChangeDto>, NotFound<ProblemDetails>>> MarkAsync(
        long id, bool watched, string? identity, IdentityFiles identities, PlayStateMarker marker, CancellationToken cancellationToken)
    {
        if (Unknown(identity, identities) is { } unknown)
        {
            return unknown;
        }

        var result = await marker.MarkAsync(identity ?? IdentityFiles.Main, id, watched, cancellationToken);
        return result is null ? Problems.NotFound($"no item with id {id}; list items with GET /v1/api/history") : TypedResults.Ok(result);
    }

    /// <summary>A 404 naming the identities there are when <paramref name="identity"/> is given and is not one of them.</summary>
    private static NotFound<ProblemDetails>? Unknown(string? identity, IdentityFiles identities) =>
        identity is null || identities.Exists(identity)
            ? null
            : Problems.NotFound($"no identity '{identity}'; known: {string.Join(", ", identities.List())} (GET /v1/api/identities)");
}
