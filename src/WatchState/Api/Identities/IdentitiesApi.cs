using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Api.Identities;

/// <summary><c>/v1/api/identities</c>: the people synced, the proposal of who is who across backends, provisioning.</summary>
internal static class IdentitiesApi
{
    public static RouteGroupBuilder MapIdentitiesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/identities").WithTags("Identities");
        group.MapGet("/", ListAsync).WithSummary("Every identity (main first) with the user it acts as on each backend and its item count");
        group.MapGet("/match", MatchAsync)
            .WithSummary("The proposed identities from the backends' users and config/mapper.yaml: groups with reasons, unmatched users, notes");
        group.MapPost("/provision", ProvisionAsync)
            .WithSummary("Create or update one identity per proposed group ({\"dryRun\": true} only reports); PINs keyed backend:user")
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapDelete("/{name}", RemoveAsync).WithSummary("Remove an identity: its config/users/NAME folder and its rows in the database (main cannot be removed)");
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<IdentityDto>>, Conflict<ProblemDetails>>> ListAsync(IdentityOverview overview, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await overview.ListAsync(cancellationToken));
        }
        catch (ConfigException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    private static async Task<Results<Ok<MatchProposalDto>, Conflict<ProblemDetails>>> MatchAsync(UserDiscovery discovery, CancellationToken cancellationToken)
    {
        try
        {
            var found = await discovery.DiscoverAsync(cancellationToken);
            return TypedResults.Ok(MatchProposalDto.From(found.Match, found.Notes));
        }
        catch (ConfigException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    private static async Task<Results<Ok<ProvisionReportDto>, Conflict<ProblemDetails>, ProblemHttpResult>> ProvisionAsync(
        ProvisionBody? body, IdentityProvisioner provisioner, CancellationToken cancellationToken)
    {
        try
        {
            var options = new ProvisionOptions(body?.DryRun ?? false, body?.Pins ?? new Dictionary<string, string>());
            return TypedResults.Ok(ProvisionReportDto.From(await provisioner.ProvisionAsync(options, cancellationToken)));
        }
        catch (ConfigException ex)
        {
            return Problems.Conflict(ex.Message);
        }
        catch (BackendException ex)
        {
            return Problems.BadGateway(ex.Message);
        }
    }

    private static async Task<Results<NoContent, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> RemoveAsync(
        string name, IdentityOverview overview, CancellationToken cancellationToken)
    {
        try
        {
            await overview.RemoveAsync(name, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status400BadRequest)
        {
            return Problems.BadRequest(ex.Message);
        }
        catch (ApiException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }
}
