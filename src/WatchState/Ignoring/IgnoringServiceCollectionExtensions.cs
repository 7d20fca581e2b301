namespace WatchState.Ignoring;

public static class IgnoringServiceCollectionExtensions
{
    /// <summary><c>config/ignore.yaml</c>: external ids that backends report wrongly.</summary>
    public static IServiceCollection AddIgnoreRules(this IServiceCollection services)
    {
        services.AddSingleton<IgnoreFile>();
        return services;
    }
}
