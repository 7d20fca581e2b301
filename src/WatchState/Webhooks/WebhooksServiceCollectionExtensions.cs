namespace WatchState.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Parsers, the API key check and the inbox processor; <c>serve</c> adds the endpoint and the worker.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookParsers>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<IdentityDirectory>();
        services.AddSingleton<WebhookProcessor>();
        services.AddSingleton<WebhookPusher>();
        services.AddSingleton<ApiKeyCheck>();
        return services;
    }
}
