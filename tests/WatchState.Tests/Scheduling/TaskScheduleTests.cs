using WatchState.Configuration;
using WatchState.Scheduling;

namespace WatchState.Tests.Scheduling;

public class TaskScheduleTests
{
    private static readonly DataPaths Paths = DataPaths.FromRoot(Path.Combine(Path.GetTempPath(), "ws-tasks"));

    internal static AppSettings Settings(Dictionary<string, string>? real = null) =>
        AppSettings.Load(ConfigEnvironment.Create([], "config/.env", real ?? []), Paths);

    [Fact]
    public void Defaults_follow_watchstate_import_and_export_off_backup_and_prune_on()
    {
        var tasks = Settings().Tasks.ToDictionary(t => t.Task);

        Assert.Equal((false, "0 */1 * * *"), (tasks["import"].Enabled, tasks["import"].Expression));
        Assert.Equal((false, "30 */1 * * *"), (tasks["export"].Enabled, tasks["export"].Expression));
        Assert.True(tasks["backup"].Enabled);
        Assert.True(tasks["prune"].Enabled);
    }

    [Fact]
    public void A_task_is_switched_on_and_timed_by_its_variables()
    {
        var import = Settings(new() { ["WS_CRON_IMPORT"] = "true", ["WS_CRON_IMPORT_AT"] = "*/15 * * * *" }).Tasks.Single(t => t.Task == "import");

        Assert.True(import.Enabled);
        Assert.Equal("*/15 * * * *", import.Expression);
        Assert.Equal(
            new DateTimeOffset(2026, 1, 1, 10, 15, 0, TimeSpan.Zero),
            import.NextAfter(new DateTimeOffset(2026, 1, 1, 10, 7, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("WS_CRON_EXPORT_AT", "every hour", "is not a cron expression")]
    [InlineData("WS_CRON_BACKUP", "sometimes", "is not true or false")]
    public void A_bad_value_is_refused_naming_the_variable(string key, string value, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Settings(new() { [key] = value }));

        Assert.StartsWith($"{key}: '{value}' {problem}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cron_times_are_read_in_the_configured_time_zone()
    {
        var settings = Settings(new() { ["WS_TZ"] = "Asia/Tokyo", ["WS_CRON_IMPORT_AT"] = "0 3 * * *" });
        var import = settings.Tasks.Single(t => t.Task == "import");

        // 03:00 in Tokyo is 18:00 UTC the day before.
        var next = import.NextAfter(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), settings.TimeZone);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 18, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("2026-01-01T10:59:00Z", "2026-01-01T11:00:30Z", true)]
    [InlineData("2026-01-01T11:00:00Z", "2026-01-01T11:59:59Z", false)]
    [InlineData("2026-01-01T08:00:00Z", "2026-01-01T11:30:00Z", true)]
    public void A_run_is_due_when_a_cron_time_passed_since_it_was_last_considered(string since, string now, bool due)
    {
        var hourly = Settings().Tasks.Single(t => t.Task == "import");

        Assert.Equal(due, CronScheduler.IsDue(hourly, DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.Utc));
    }
}
