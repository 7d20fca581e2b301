using Cronos;

namespace WatchState.Configuration;

/// <summary>
/// The <c>WS_*</c> settings, typed and validated once at start (names as in WatchState). To add one: a property
/// here with its default, and one line in <see cref="Load"/> that reads it with the matching <c>Get*</c>.
/// </summary>
public sealed record AppSettings
{
    /// <summary>Absolute path of the data directory (<c>WS_DATA_PATH</c>, default <c>./data</c>).</summary>
    public required string DataPath { get; init; }

    /// <summary>Time zone used to show and schedule things (<c>WS_TZ</c>, else <c>TZ</c>, default UTC).</summary>
    public string Tz { get; init; } = "UTC";

    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// Work around Jellyfin items marked played without a LastPlayedDate (<c>WS_CLIENTS_JELLYFIN_FIX_PLAYED</c>).
    /// </summary>
    public bool JellyfinFixPlayed { get; init; }

    /// <summary>Items requested per page when listing a library (<c>WS_LIBRARY_SEGMENT</c>, default 1000).</summary>
    public int LibrarySegment { get; init; } = 1000;

    /// <summary>
    /// When a full import is due (<c>WS_CRON_IMPORT_FULL_AT</c>, a five-field cron expression in <see cref="TimeZone"/>,
    /// default <c>0 3 * * 0</c>, Sundays 03:00): the first import after an occurrence reads everything instead of
    /// only the changes.
    /// </summary>
    public CronExpression ImportFullSchedule { get; init; } = DefaultImportFullSchedule;

    public const string DefaultImportFullAt = "0 3 * * 0";

    private static readonly CronExpression DefaultImportFullSchedule = CronExpression.Parse(DefaultImportFullAt);

    /// <summary>Where <c>serve</c> listens (<c>WS_LISTEN</c>, default <c>http://0.0.0.0:8080</c>; several separated by <c>;</c>).</summary>
    public string Listen { get; init; } = "http://0.0.0.0:8080";

    /// <summary>
    /// Resume positions shorter than this are noise and never pushed to other servers (<c>WS_PROGRESS_MINIMUM</c>,
    /// seconds, default 60).
    /// </summary>
    public TimeSpan ProgressMinimum { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Rewatch progress on played items (<c>WS_PROGRESS_THRESHOLD</c>, seconds, as in WatchState: 0, the default,
    /// turns it off; otherwise at least 180). A played item's resume point is pushed to a server only when it was set
    /// at least this long after the play date that server holds.
    /// </summary>
    public TimeSpan ProgressThreshold { get; init; } = TimeSpan.Zero;

    /// <summary><c>WS_BACKUP_KEEP_DAYS</c>: dated backups older than this are deleted after a backup.</summary>
    public int BackupKeepDays { get; init; } = 90;

    /// <summary>Where plex.tv is (<c>WS_PLEXTV_URL</c>, default <c>https://plex.tv</c>), for Plex users and their tokens.</summary>
    public Uri PlexTvUrl { get; init; } = new("https://plex.tv");

    /// <summary>
    /// Whether <c>/v1/api</c> endpoints such as the webhook need the API key (<c>WS_SECURE_API_ENDPOINTS</c>, default
    /// true). The key is shown by <c>watchstate system:apikey</c>.
    /// </summary>
    public bool SecureApiEndpoints { get; init; } = true;

    /// <summary>
    /// Believe a reverse proxy's <c>X-Forwarded-For</c>/<c>-Proto</c>/<c>-Host</c> (<c>WS_TRUST_PROXY</c>, default false):
    /// only turn on when every request comes through the proxy, or clients could pick their own address.
    /// </summary>
    public bool TrustProxy { get; init; }

    /// <summary>The scheduled tasks' <c>WS_CRON_*</c> settings.</summary>
    public IReadOnlyList<Scheduling.TaskSchedule> Tasks { get; init; } = [];

    /// <summary><c>WS_*</c> variables that are set but mean nothing to this program (shown by <c>config:test</c>).</summary>
    public IReadOnlyList<string> UnusedVariables { get; init; } = [];

    /// <summary>Every <c>WS_*</c> variable read or set, with its value, default and origin (the settings page).</summary>
    public IReadOnlyList<ConfigVariable> Variables { get; init; } = [];

    /// <exception cref="ConfigException">A variable has a value that cannot be used; the message names it.</exception>
    public static AppSettings Load(ConfigEnvironment environment, DataPaths paths)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(paths);
        var (tz, timeZone) = ReadTimeZone(environment);
        var settings = new AppSettings
        {
            DataPath = paths.Root,
            Tz = tz,
            TimeZone = timeZone,
            JellyfinFixPlayed = environment.GetBool("WS_CLIENTS_JELLYFIN_FIX_PLAYED", false),
            LibrarySegment = environment.GetInt("WS_LIBRARY_SEGMENT", 1000, min: 1, max: 100_000),
            Listen = ReadListen(environment),
            ProgressMinimum = TimeSpan.FromSeconds(environment.GetInt("WS_PROGRESS_MINIMUM", 60, min: 0, max: 86_400)),
            ProgressThreshold = ReadProgressThreshold(environment),
            Tasks = Scheduling.TaskSchedule.Load(environment),
            BackupKeepDays = environment.GetInt("WS_BACKUP_KEEP_DAYS", 90, min: 1, max: 36_500),
            PlexTvUrl = ReadUrl(environment, "WS_PLEXTV_URL", "https://plex.tv"),
            SecureApiEndpoints = environment.GetBool("WS_SECURE_API_ENDPOINTS", true),
            TrustProxy = environment.GetBool("WS_TRUST_PROXY", false),
            ImportFullSchedule = ReadCron(environment, "WS_CRON_IMPORT_FULL_AT", DefaultImportFullAt),
        };

        // Read last, so every setting above has been asked for.
        return settings with
        {
            UnusedVariables = environment.Unused([DataPaths.Variable]),
            Variables = [.. environment.Describe().Select(v => v.Name == DataPaths.Variable ? v with { Known = true, Default = "./data" } : v)],
        };
    }

    private static (string Name, TimeZoneInfo Zone) ReadTimeZone(ConfigEnvironment environment)
    {
        var key = environment.Get("WS_TZ") is not null ? "WS_TZ" : "TZ";
        var name = environment.Get(key);
        if (name is null)
        {
            return ("UTC", TimeZoneInfo.Utc);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            ? (name, zone)
            : throw environment.Invalid(key, "is not a known time zone (use an IANA name such as Europe/Berlin)");
    }

    private static TimeSpan ReadProgressThreshold(ConfigEnvironment environment)
    {
        const string key = "WS_PROGRESS_THRESHOLD";
        var seconds = environment.GetInt(key, 0, min: 0, max: 31_536_000);
        return seconds is > 0 and < 180
            ? throw environment.Invalid(key, "must be 0 (off) or at least 180 seconds")
            : TimeSpan.FromSeconds(seconds);
    }

    private static Uri ReadUrl(ConfigEnvironment environment, string key, string fallback) =>
        ConfigValues.TryParseHttpUrl(environment.GetString(key, fallback), out var url)
            ? url
            : throw environment.Invalid(key, "is not an http:// or https:// URL");

    private static CronExpression ReadCron(ConfigEnvironment environment, string key, string defaultValue) =>
        environment.GetCron(key, defaultValue);

    private static string ReadListen(ConfigEnvironment environment)
    {
        const string key = "WS_LISTEN";
        var value = environment.GetString(key, "http://0.0.0.0:8080");
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel also accepts http://*:port and http://+:port, which Uri does not parse.
            var probe = part.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
                .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!ConfigValues.TryParseHttpUrl(probe, out _))
            {
                throw environment.Invalid(key, "is not an http:// or https:// address such as http://0.0.0.0:8080");
            }
        }

        return value;
    }
}
