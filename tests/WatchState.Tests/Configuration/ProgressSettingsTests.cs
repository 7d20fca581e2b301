using WatchState.Configuration;

namespace WatchState.Tests.Configuration;

public class ProgressSettingsTests
{
    private static AppSettings Load(string dotEnv) =>
        AppSettings.Load(
            ConfigEnvironment.Create(DotEnvFile.Parse(dotEnv, "config/.env"), "config/.env", new Dictionary<string, string>()),
            DataPaths.FromRoot(Path.Combine(Path.GetTempPath(), "ws-settings")));

    [Fact]
    public void Progress_minimum_defaults_to_a_minute_and_rewatch_progress_is_off()
    {
        var settings = Load("");

        Assert.Equal(TimeSpan.FromSeconds(60), settings.ProgressMinimum);
        Assert.Equal(TimeSpan.Zero, settings.ProgressThreshold);
    }

    [Fact]
    public void Progress_settings_are_read_in_seconds()
    {
        var settings = Load("WS_PROGRESS_MINIMUM=120\nWS_PROGRESS_THRESHOLD=86400\n");

        Assert.Equal(TimeSpan.FromMinutes(2), settings.ProgressMinimum);
        Assert.Equal(TimeSpan.FromDays(1), settings.ProgressThreshold);
    }

    [Fact]
    public void A_threshold_under_180_seconds_is_an_error_naming_the_key()
    {
        var error = Assert.Throws<ConfigException>(() => Load("WS_PROGRESS_THRESHOLD=60\n"));

        Assert.Contains("WS_PROGRESS_THRESHOLD", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 180", error.Message, StringComparison.Ordinal);
    }
}
