namespace WatchState.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The tasks, their runner and run records; <c>serve</c> adds the <see cref="CronScheduler"/> itself.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddSingleton<TaskRunStore>();
        services.AddSingleton<TaskScheduleOverrides>();
        services.AddSingleton<IdentitySweep>();
        services.AddSingleton<IScheduledTask, ImportTask>();
        services.AddSingleton<IScheduledTask, ExportTask>();
        services.AddSingleton<IScheduledTask, BackupTask>();
        services.AddSingleton<IScheduledTask, PruneTask>();
        services.AddSingleton<TaskRunner>();
        return services;
    }
}
