using WatchState.Api.Backends;
using WatchState.Api.History;
using WatchState.Api.Identities;
using WatchState.Api.Outbox;
using WatchState.Api.System;
using WatchState.Api.Tasks;

namespace WatchState.Api;

/// <summary>The REST API under <c>/v1/api</c> (see docs/api.md) and its OpenAPI document at <c>/openapi/v1.json</c>.</summary>
internal static class ApiEndpoints
{
    public const string Prefix = "/v1/api";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        // A value that cannot be bound (?page=abc, a body that is not JSON) is thrown rather than answered with an
        // empty 400, so the exception handler below turns it into a ProblemDetails that says which value.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Detail = bad.Message;
            }
        });
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "WatchState";
            document.Info.Description = "Sync play state between Plex, Jellyfin and Emby. Send the API key in the X-Apikey header.";

            // The listening address differs per machine and run; the committed copy must not.
            document.Servers = [];
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddSingleton<BackendEditor>();
        services.AddSingleton<PlayStateMarker>();
        services.AddSingleton<TaskOverview>();
        services.AddSingleton<IdentityOverview>();
        services.AddSingleton<ProvisionJob>();
        return services;
    }

    /// <summary>First in the pipeline, so a failure anywhere after it is answered as a ProblemDetails.</summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // An unexpected failure still answers with a ProblemDetails (500), never a stack trace.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        var api = app.MapGroup(Prefix);
        api.MapBackendsApi();
        api.MapHistoryApi();
        api.MapIdentitiesApi();
        api.MapTasksApi();
        api.MapOutboxApi();
        api.MapEventsApi();
        api.MapSystemApi();
        return app;
    }
}
