using Cronos;
using WatchState.Configuration;

namespace WatchState.Scheduling;

/// <summary>When a task runs: <c>WS_CRON_&lt;TASK&gt;</c> (on/off) and <c>WS_CRON_&lt;TASK&gt;_AT</c> (cron, in <c>WS_TZ</c>).</summary>
public sealed record TaskSchedule(string Task, bool Enabled, string Expression, CronExpression Cron)
{
    /// <summary>The tasks and their defaults, as in WatchState: import and export are off until asked for.</summary>
    public static readonly IReadOnlyList<(string Task, bool Enabled, string At)> Defaults =
    [
        ("import", false, "0 */1 * * *"),
        ("export", false, "30 */1 * * *"),
        ("backup", true, "0 6 */3 * *"),
        ("prune", true, "0 */12 * * *"),
    ];

    public static string EnabledKey(string task) => $"WS_CRON_{task.ToUpperInvariant()}";

    public static string AtKey(string task) => $"WS_CRON_{task.ToUpperInvariant()}_AT";

    /// <exception cref="ConfigException">A value cannot be used; the message names the variable.</exception>
    public static IReadOnlyList<TaskSchedule> Load(ConfigEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return [.. Defaults.Select(d =>
        {
            var atKey = AtKey(d.Task);
            var cron = environment.GetCron(atKey, d.At);
            return new TaskSchedule(d.Task, environment.GetBool(EnabledKey(d.Task), d.Enabled), environment.GetString(atKey, d.At).Trim(), cron);
        })];
    }

    /// <summary>The first run time after <paramref name="after"/>, in <paramref name="zone"/>'s wall clock.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) => Cron.GetNextOccurrence(after, zone);
}
