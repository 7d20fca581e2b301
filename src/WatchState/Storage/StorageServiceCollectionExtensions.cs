using WatchState.Configuration;

namespace WatchState.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite database under the data directory, and the queries over it.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new Database(sp.GetRequiredService<DataPaths>().DatabaseFile));
        services.AddSingleton<HistoryQueries>();
        services.AddSingleton<InboxStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<DatabaseSnapshots>();
        return services;
    }
}
