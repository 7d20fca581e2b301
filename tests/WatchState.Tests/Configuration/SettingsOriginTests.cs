using WatchState.Configuration;

namespace WatchState.Tests.Configuration;

public sealed class SettingsOriginTests
{
    private static readonly DataPaths Paths = DataPaths.FromRoot(Path.Combine(Path.GetTempPath(), "ws-settings-origin"));

    [Fact]
    public void Each_variable_says_its_value_default_and_whether_it_came_from_the_environment_the_env_file_or_the_default()
    {
        var settings = AppSettings.Load(
            ConfigEnvironment.Create(
                DotEnvFile.Parse("# comment\nWS_LIBRARY_SEGMENT=500\nWS_TYPO_TOKEN=abc\n", "config/.env"),
                "config/.env",
                new Dictionary<string, string> { ["WS_PROGRESS_MINIMUM"] = "90", ["WS_LIBRARY_SEGMENT"] = "700", ["PATH"] = "/bin" }),
            Paths);
        var byName = settings.Variables.ToDictionary(v => v.Name);

        Assert.Equal(new ConfigVariable("WS_PROGRESS_MINIMUM", "90", "60", ConfigVariable.FromEnvironment, true), byName["WS_PROGRESS_MINIMUM"]);
        Assert.Equal(new ConfigVariable("WS_LIBRARY_SEGMENT", "700", "1000", ConfigVariable.FromEnvironment, true), byName["WS_LIBRARY_SEGMENT"]);
        Assert.Equal(new ConfigVariable("WS_BACKUP_KEEP_DAYS", null, "90", ConfigVariable.FromDefault, true), byName["WS_BACKUP_KEEP_DAYS"]);
        Assert.Equal("0 */1 * * *", byName["WS_CRON_IMPORT_AT"].Default);
        Assert.Equal("false", byName["WS_CRON_IMPORT"].Default);
        var typo = byName["WS_TYPO_TOKEN"];
        Assert.Equal("config/.env line 3", typo.Source);
        Assert.False(typo.Known);
        Assert.True(typo.IsSecret);
        Assert.False(byName["WS_PROGRESS_MINIMUM"].IsSecret);
        Assert.DoesNotContain("PATH", byName.Keys);
    }
}
