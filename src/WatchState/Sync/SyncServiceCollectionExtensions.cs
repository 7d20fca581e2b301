namespace WatchState.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>Import now; export, the outbox worker and live listeners join here later.</summary>
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddSingleton<Importer>();
        return services;
    }
}
