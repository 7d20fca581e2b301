namespace WatchState.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>The connection status every part can read; <c>serve</c> adds the listeners themselves.</summary>
    public static IServiceCollection AddLiveEvents(this IServiceCollection services)
    {
        services.AddSingleton<LiveStatus>();
        return services;
    }
}
