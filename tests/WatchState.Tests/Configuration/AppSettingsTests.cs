using WatchState.Configuration;

namespace WatchState.Tests.Configuration;

public class AppSettingsTests
{
    private static readonly DataPaths Paths = DataPaths.FromRoot(Path.Combine(Path.GetTempPath(), "ws-settings"));

    private static AppSettings Load(string dotEnv = "", Dictionary<string, string>? real = null) =>
        AppSettings.Load(
            ConfigEnvironment.Create(DotEnvFile.Parse(dotEnv, "config/.env"), "config/.env", real ?? []),
            Paths);

    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var settings = Load();

        Assert.Equal(Paths.Root, settings.DataPath);
        Assert.Equal("UTC", settings.Tz);
        Assert.False(settings.JellyfinFixPlayed);
        Assert.Equal(1000, settings.LibrarySegment);
        Assert.Equal("http://0.0.0.0:8080", settings.Listen);
        var sunday = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal(sunday, settings.ImportFullSchedule.GetNextOccurrence(sunday.AddDays(-6), TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_full_import_schedule_is_a_cron_expression_read_in_ws_tz()
    {
        var settings = Load(real: new() { ["WS_CRON_IMPORT_FULL_AT"] = "30 4 * * *", ["WS_TZ"] = "Europe/Berlin" });

        var next = settings.ImportFullSchedule.GetNextOccurrence(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), settings.TimeZone);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 3, 30, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("weekly")]
    [InlineData("0 3 * *")]
    [InlineData("61 3 * * 0")]
    public void A_bad_full_import_schedule_is_an_error_naming_the_variable(string value)
    {
        var error = Assert.Throws<ConfigException>(() => Load(real: new() { ["WS_CRON_IMPORT_FULL_AT"] = value }));

        Assert.StartsWith($"WS_CRON_IMPORT_FULL_AT: '{value}' is not a cron expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_from_the_env_file_are_used()
    {
        var settings = Load("WS_TZ=Europe/Berlin\nWS_CLIENTS_JELLYFIN_FIX_PLAYED=true\nWS_LIBRARY_SEGMENT=300\n");

        Assert.Equal("Europe/Berlin", settings.Tz);
        Assert.Equal("Europe/Berlin", settings.TimeZone.Id);
        Assert.True(settings.JellyfinFixPlayed);
        Assert.Equal(300, settings.LibrarySegment);
    }

    [Fact]
    public void Real_environment_variables_win_over_the_env_file()
    {
        var settings = Load("WS_LIBRARY_SEGMENT=300\nWS_TZ=Europe/Berlin\n", new() { ["WS_LIBRARY_SEGMENT"] = "700" });

        Assert.Equal(700, settings.LibrarySegment);
        Assert.Equal("Europe/Berlin", settings.Tz);
    }

    [Fact]
    public void An_empty_value_means_the_default()
    {
        Assert.Equal(1000, Load("WS_LIBRARY_SEGMENT=\n").LibrarySegment);
    }

    [Fact]
    public void A_bad_bool_names_the_key_and_the_value()
    {
        var error = Assert.Throws<ConfigException>(() => Load(real: new() { ["WS_CLIENTS_JELLYFIN_FIX_PLAYED"] = "maybe" }));

        Assert.Equal("WS_CLIENTS_JELLYFIN_FIX_PLAYED: 'maybe' is not true or false", error.Message);
    }

    [Fact]
    public void A_bad_value_from_the_env_file_also_names_its_line()
    {
        var error = Assert.Throws<ConfigException>(() => Load("# settings\nWS_CLIENTS_JELLYFIN_FIX_PLAYED=maybe\n"));

        Assert.Equal("config/.env line 2: WS_CLIENTS_JELLYFIN_FIX_PLAYED: 'maybe' is not true or false", error.Message);
    }

    [Theory]
    [InlineData("lots", "WS_LIBRARY_SEGMENT: 'lots' is not a whole number")]
    [InlineData("0", "WS_LIBRARY_SEGMENT: '0' is not between 1 and 100000")]
    public void A_bad_library_segment_is_reported(string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Load(real: new() { ["WS_LIBRARY_SEGMENT"] = value }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Proxy_trust_is_off_unless_asked_for_and_a_bad_value_is_refused_by_name()
    {
        Assert.False(Load().TrustProxy);
        Assert.True(Load("WS_TRUST_PROXY=true").TrustProxy);
        var error = Assert.Throws<ConfigException>(() => Load(real: new() { ["WS_TRUST_PROXY"] = "sometimes" }));
        Assert.StartsWith("WS_TRUST_PROXY: 'sometimes'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_reported()
    {
        var error = Assert.Throws<ConfigException>(() => Load(real: new() { ["WS_TZ"] = "Mars/Olympus" }));

        Assert.StartsWith("WS_TZ: 'Mars/Olympus' is not a known time zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listen_address_that_is_not_http_is_reported()
    {
        var error = Assert.Throws<ConfigException>(() => Load(real: new() { ["WS_LISTEN"] = "8080" }));

        Assert.StartsWith("WS_LISTEN: '8080' is not an http:// or https:// address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plex_tv_url_defaults_to_plex_tv_and_can_point_at_a_stand_in()
    {
        Assert.Equal(new Uri("https://plex.tv"), Load().PlexTvUrl);
        Assert.Equal(new Uri("http://127.0.0.1:9999/"), Load(real: new() { ["WS_PLEXTV_URL"] = "http://127.0.0.1:9999/" }).PlexTvUrl);
    }

    [Fact]
    public void A_plex_tv_url_that_is_not_a_url_is_refused_by_name()
    {
        var error = Assert.Throws<ConfigException>(() => Load(real: new() { ["WS_PLEXTV_URL"] = "plex.tv" }));

        Assert.StartsWith("WS_PLEXTV_URL: 'plex.tv' is not an http:// or https:// URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_path_defaults_to_data_under_the_current_directory()
    {
        var cwd = Path.Combine(Path.GetTempPath(), "ws-cwd");

        var paths = DataPaths.Resolve(new Dictionary<string, string>(), cwd);

        Assert.Equal(Path.Combine(cwd, "data"), paths.Root);
        Assert.Equal(Path.Combine(cwd, "data", "config", "servers.yaml"), paths.ServersFile);
        Assert.Equal(Path.Combine(cwd, "data", "config", ".env"), paths.EnvFile);
        Assert.Equal(Path.Combine(cwd, "data", "db", "watchstate.db"), paths.DatabaseFile);
        Assert.Equal("config/servers.yaml", paths.Display(paths.ServersFile));
    }

    [Fact]
    public void Data_path_comes_from_WS_DATA_PATH()
    {
        var root = Path.Combine(Path.GetTempPath(), "ws-elsewhere");

        var paths = DataPaths.Resolve(new Dictionary<string, string> { ["WS_DATA_PATH"] = root }, "/somewhere");

        Assert.Equal(root, paths.Root);
        Assert.Equal(Path.Combine(root, "db"), paths.DbDir);
    }

    [Fact]
    public void EnsureCreated_creates_the_config_and_db_directories()
    {
        using var dir = new TempDataDirectory();

        dir.Paths.EnsureCreated();

        Assert.True(Directory.Exists(dir.Paths.ConfigDir));
        Assert.True(Directory.Exists(dir.Paths.DbDir));
    }
}
