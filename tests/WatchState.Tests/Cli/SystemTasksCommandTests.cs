using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

public class SystemTasksCommandTests
{
    [Fact]
    public async Task Tasks_are_listed_with_their_schedule_and_a_manual_import_run_is_recorded()
    {
        await using var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Library = SimLibrary.Parse("movie \"The Matrix\" 1999 imdb=tt0133093 played") },
            TestContext.Current.CancellationToken);
        using var cli = new CliRunner { Environment = { ["WS_CRON_IMPORT"] = "true", ["WS_CRON_IMPORT_AT"] = "*/20 * * * *" } };
        var added = await cli.RunAsync("backend:add", "--name", "jf", "--type", "jellyfin", "--url", jellyfin.BaseUrl.ToString(), "--token", jellyfin.ApiKey);
        Assert.True(added.ExitCode == 0, added.ToString());

        var before = await cli.RunAsync("system:tasks");
        var run = await cli.RunAsync("system:tasks", "--run", "import");
        var after = await cli.RunAsync("system:tasks", "-o", "json");
        var unknown = await cli.RunAsync("system:tasks", "--run", "nope");

        Assert.Equal(0, before.ExitCode);
        Assert.Matches(@"(?m)^import\s+yes\s+\*/20 \* \* \* \*", before.Out);
        Assert.Matches(@"(?m)^prune\s+yes\s+0 \*/12 \* \* \*", before.Out);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("import: ok: jf: 1 added", run.Out, StringComparison.Ordinal);
        var import = JsonDocument.Parse(after.Out).RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "import");
        Assert.Equal("ok", import.GetProperty("lastOutcome").GetString());
        Assert.NotEqual(JsonValueKind.Null, import.GetProperty("nextRun").ValueKind);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No task named 'nope'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_exits_1_with_the_backends_reason()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers("""
            broken:
              type: jellyfin
              url: http://127.0.0.1:9/
              token: t
              user: u
            """);

        var run = await cli.RunAsync("system:tasks", "--run", "import");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("import: failed: broken:", run.Error, StringComparison.Ordinal);
    }
}
