namespace WatchState.Identities;

public static class IdentitiesServiceCollectionExtensions
{
    /// <summary>Per-identity configuration files and user discovery across the backends.</summary>
    public static IServiceCollection AddIdentities(this IServiceCollection services)
    {
        services.AddSingleton<IdentityFiles>();
        services.AddSingleton<UserDiscovery>();
        return services;
    }
}
