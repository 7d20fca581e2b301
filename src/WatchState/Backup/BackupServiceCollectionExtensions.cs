namespace WatchState.Backup;

public static class BackupServiceCollectionExtensions
{
    /// <summary>The backup writer and its pruning, used by <c>state:backup</c> and the <c>backup</c> task.</summary>
    public static IServiceCollection AddBackup(this IServiceCollection services)
    {
        services.AddSingleton<BackupWriter>();
        services.AddSingleton<BackupPruner>();
        services.AddSingleton<BackupJob>();
        return services;
    }
}
