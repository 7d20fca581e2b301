namespace WatchState.Identities;

public static class IdentitiesServiceCollectionExtensions
{
    /// <summary>Per-identity configuration files, user discovery across the backends, provisioning and removal.</summary>
    public static IServiceCollection AddIdentities(this IServiceCollection services)
    {
        services.AddSingleton<IdentityFiles>();
        services.AddSingleton<UserDiscovery>();
        services.AddSingleton<IdentityProvisioner>();
        services.AddSingleton<Storage.IdentityPurge>();
        return services;
    }
}
