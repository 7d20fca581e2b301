using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Live;

namespace WatchState.Api.Backends;

/// <summary><c>/v1/api/backends</c>: the servers in <c>servers.yaml</c>, their users and libraries.</summary>
internal static class BackendsApi
{
    public static RouteGroupBuilder MapBackendsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/backends").WithTags("Backends");
        group.MapGet("/", ListAsync).WithSummary("List the backends, with their live connection status (tokens masked)");
        group.MapGet("/{name}", GetAsync).WithSummary("One backend");
        group.MapPost("/", AddAsync).WithSummary("Add a backend: validates, tests the connection, settles the user, then stores it");
        group.MapPatch("/{name}", UpdateAsync).WithSummary("Change url, token, user, import/export/live toggles or options");
        group.MapDelete("/{name}", RemoveAsync).WithSummary("Remove a backend from servers.yaml (its history stays)");
        group.MapPost("/{name}/test", TestAsync).WithSummary("Test the connection: the server's identity and version, or why it failed");
        group.MapGet("/{name}/users", UsersAsync).WithSummary("The users of the backend's server")
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapGet("/{name}/libraries", LibrariesAsync).WithSummary("The libraries of the backend's server, with whether import ignores them")
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapPut("/{name}/libraries/{id}/ignore", IgnoreAsync)
            .WithSummary("Ignore a library on import (or, with {\"ignore\": false}, stop ignoring it); stored in options.IGNORE");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<BackendDto>>> ListAsync(ServersFile servers, LiveStatus live, CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<BackendDto>>([.. backends.Select(b => BackendDto.From(b, live.Find(b.Name)))]);
    }

    private static async Task<Results<Ok<BackendDto>, NotFound<ProblemDetails>>> GetAsync(
        string name, BackendEditor editor, LiveStatus live, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(BackendDto.From(await editor.FindAsync(name, cancellationToken), live.Find(name)));
        }
        catch (ApiException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    private static async Task<Results<Created<BackendDto>, BadRequest<ProblemDetails>, Conflict<ProblemDetails>>> AddAsync(
        BackendAddBody body, BackendEditor editor, CancellationToken cancellationToken)
    {
        try
        {
            var added = await editor.AddAsync(body, cancellationToken);
            return TypedResults.Created($"/v1/api/backends/{added.Name}", BackendDto.From(added, null));
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            return Problems.Conflict(ex.Message);
        }
        catch (ApiException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    private static async Task<Results<Ok<BackendDto>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> UpdateAsync(
        string name, BackendPatchBody body, BackendEditor editor, LiveStatus live, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(BackendDto.From(await editor.UpdateAsync(name, body, cancellationToken), live.Find(name)));
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return Problems.NotFound(ex.Message);
        }
        catch (ApiException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> RemoveAsync(string name, BackendEditor editor, CancellationToken cancellationToken)
    {
        try
        {
            await editor.RemoveAsync(name, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (ApiException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    private static async Task<Results<Ok<BackendTestDto>, NotFound<ProblemDetails>>> TestAsync(
        string name, BackendEditor editor, CancellationToken cancellationToken)
    {
        var (backend, missing) = await LookUpAsync(name, editor, cancellationToken);
        if (backend is null)
        {
            return missing!;
        }

        try
        {
            var info = await editor.ConnectAsync(backend, cancellationToken);
            return TypedResults.Ok(new BackendTestDto(true, info.Id, info.Name, info.Product, info.Version, info.Warning, null));
        }
        catch (ApiException ex)
        {
            return TypedResults.Ok(new BackendTestDto(false, null, null, null, null, null, ex.Message));
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<BackendUserDto>>, NotFound<ProblemDetails>, ProblemHttpResult>> UsersAsync(
        string name, BackendEditor editor, IMediaServerFactory factory, CancellationToken cancellationToken)
    {
        var (backend, missing) = await LookUpAsync(name, editor, cancellationToken);
        if (backend is null)
        {
            return missing!;
        }

        try
        {
            var users = await factory.Create(backend).GetUsersAsync(cancellationToken);
            return TypedResults.Ok<IReadOnlyList<BackendUserDto>>([.. users.Select(u => new BackendUserDto(
                u.Id, u.Name, u.IsAdmin, u.Kind, u.NeedsPin, backend.User is not null && Cli.BackendUserPicker.SameId(u.Id, backend.User)))]);
        }
        catch (BackendException ex)
        {
            return Problems.BadGateway($"{name}: {ex.Message}");
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<BackendLibraryDto>>, NotFound<ProblemDetails>, ProblemHttpResult>> LibrariesAsync(
        string name, BackendEditor editor, IMediaServerFactory factory, CancellationToken cancellationToken)
    {
        var (backend, missing) = await LookUpAsync(name, editor, cancellationToken);
        if (backend is null)
        {
            return missing!;
        }

        try
        {
            var ignored = Sync.IgnoredLibraries.Of(backend);
            var libraries = await factory.Create(backend).GetLibrariesAsync(cancellationToken);
            return TypedResults.Ok<IReadOnlyList<BackendLibraryDto>>([.. libraries.Select(l => new BackendLibraryDto(
                l.Id, l.Name, l.Kind.ToString().ToLowerInvariant(), l.RawType, ignored.Contains(l.Id)))]);
        }
        catch (BackendException ex)
        {
            return Problems.BadGateway($"{name}: {ex.Message}");
        }
    }

    private static async Task<Results<Ok<BackendDto>, NotFound<ProblemDetails>>> IgnoreAsync(
        string name, string id, LibraryIgnoreBody? body, BackendEditor editor, LiveStatus live, CancellationToken cancellationToken)
    {
        try
        {
            var updated = await editor.IgnoreLibraryAsync(name, id, body?.Ignore ?? true, cancellationToken);
            return TypedResults.Ok(BackendDto.From(updated, live.Find(name)));
        }
        catch (ApiException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    private static async Task<(BackendConfig? Backend, NotFound<ProblemDetails>? Missing)> LookUpAsync(
        string name, BackendEditor editor, CancellationToken cancellationToken)
    {
        try
        {
            return (await editor.FindAsync(name, cancellationToken), null);
        }
        catch (ApiException ex)
        {
            return (null, Problems.NotFound(ex.Message));
        }
    }
}
