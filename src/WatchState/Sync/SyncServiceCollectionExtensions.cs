using WatchState.Export;

namespace WatchState.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>Import, export through the outbox, and changes made from our side; live listeners join here later.</summary>
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddSingleton<Importer>();
        services.AddOptions<OutboxWorkerOptions>();
        services.AddSingleton<OutboxWorker>();
        services.AddSingleton<Exporter>();
        services.AddSingleton<PlayStateEditor>();
        return services;
    }
}
