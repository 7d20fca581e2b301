using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.HttpResults;
using WatchState.Api.Backends;
using WatchState.Configuration;
using WatchState.Live;
using WatchState.Webhooks;

namespace WatchState.Api.System;

/// <summary><c>/v1/api/system</c>: version, API key, live connections (the health check is mapped by <c>serve</c>).</summary>
internal static class SystemApi
{
    public static RouteGroupBuilder MapSystemApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/system").WithTags("System");
        group.MapGet("/version", Version).WithSummary("The program's version");
        group.MapPost("/apikey/rotate", RotateAsync).WithSummary("Replace the API key with a new random one, returned this once");
        group.MapGet("/live", LiveAsync).WithSummary("The live event connection of every backend");
        return group;
    }

    private static Ok<VersionDto> Version() => TypedResults.Ok(new VersionDto(
        typeof(SystemApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        RuntimeInformation.FrameworkDescription));

    private static async Task<Ok<ApiKeyDto>> RotateAsync(ApiKeyCheck keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiKeyDto(await keys.RotateAsync(cancellationToken)));

    private static async Task<Ok<IReadOnlyList<LiveBackendDto>>> LiveAsync(ServersFile servers, LiveStatus live, CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<LiveBackendDto>>([.. backends.Select(b =>
        {
            var dto = BackendDto.From(b, live.Find(b.Name));
            return new LiveBackendDto(b.Name, dto.Live, dto.LiveStatus);
        })]);
    }
}
