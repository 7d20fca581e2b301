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

    /// <summary>
    /// The schedules with values stored through the API (<see cref="TaskScheduleOverrides"/>) laid over those from the
    /// environment; a stored value that cannot be used is ignored.
    /// </summary>
    public static IReadOnlyList<TaskSchedule> WithOverrides(IReadOnlyList<TaskSchedule> schedules, IReadOnlyDictionary<string, string> stored)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(stored);
        return [.. schedules.Select(s =>
        {
            if (stored.TryGetValue(EnabledKey(s.Task), out var on) && ConfigValues.TryParseBool(on, out var enabled))
            {
                s = s with { Enabled = enabled };
            }

            if (stored.TryGetValue(AtKey(s.Task), out var at) && TryParseCron(at) is { } cron)
            {
                s = s with { Expression = at.Trim(), Cron = cron };
            }

            return s;
        })];
    }

    /// <summary>A five-field cron expression (six with seconds), as <c>WS_CRON_*_AT</c> takes it.</summary>
    /// <exception cref="ConfigException">Not a valid expression; the message names <paramref name="key"/>.</exception>
    public static CronExpression ParseCron(string text, string key)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Parse(text);
        }
        catch (CronFormatException ex)
        {
            throw new ConfigException($"{key}: '{text}' is not a cron expression with five fields such as '0 */1 * * *' ({ex.Message.TrimEnd('.')})");
        }
    }

    private static CronExpression? TryParseCron(string text)
    {
        try
        {
            return Parse(text);
        }
        catch (CronFormatException)
        {
            return null;
        }
    }

    private static CronExpression Parse(string text)
    {
        var value = text.Trim();
        var format = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.Parse(value, format);
    }

    /// <summary>The first run time after <paramref name="after"/>, in <paramref name="zone"/>'s wall clock.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) => Cron.GetNextOccurrence(after, zone);
}
