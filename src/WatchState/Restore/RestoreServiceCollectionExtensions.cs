namespace WatchState.Restore;

public static class RestoreServiceCollectionExtensions
{
    /// <summary><c>backend:restore</c>: bring a server back to a backup file.</summary>
    public static IServiceCollection AddRestore(this IServiceCollection services)
    {
        services.AddSingleton<Restorer>();
        return services;
    }
}
