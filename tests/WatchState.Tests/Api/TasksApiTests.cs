using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Scheduling;

namespace WatchState.Tests.Api;

/// <summary>/v1/api/tasks: list, run now, runs, schedule changes.</summary>
public sealed class TasksApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Every_task_is_listed_with_its_schedule_and_last_run()
    {
        await _api.RunTaskAsync("prune");

        var tasks = await _api.OkAsync("/v1/api/tasks");

        var names = tasks.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("import", names);
        Assert.Contains("export", names);
        var import = tasks.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "import");
        Assert.False(import.GetProperty("enabled").GetBoolean());
        Assert.Equal("0 */1 * * *", import.GetProperty("schedule").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, import.GetProperty("lastRun").ValueKind);
        var prune = tasks.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "prune");
        Assert.True(prune.GetProperty("enabled").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, prune.GetProperty("nextRun").ValueKind);
        Assert.Equal("ok", prune.GetProperty("lastRun").GetProperty("outcome").GetString());
        Assert.Equal("manual", prune.GetProperty("lastRun").GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task Run_now_answers_202_with_the_run_which_records_the_imports_counts()
    {
        await _api.AddJellyfinAsync();

        var run = await _api.RunTaskAsync("import");

        Assert.Equal("ok", run.GetProperty("outcome").GetString());
        Assert.StartsWith("jf: 4 added, 0 updated, 0 unchanged", run.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_while_one_is_going_is_409()
    {
        await _api.AddJellyfinAsync();
        _api.Jellyfin.Faults.Delay = TimeSpan.FromSeconds(2);

        var (first, started) = await _api.PostAsync("/v1/api/tasks/import/run");
        var (second, problem) = await _api.PostAsync("/v1/api/tasks/import/run");
        _api.Jellyfin.Faults.Delay = TimeSpan.Zero;
        await _api.Services.GetRequiredService<TaskRunner>().WaitForBackgroundAsync();

        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.True(started.GetProperty("runId").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Contains("already running", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_is_applied_while_a_long_import_is_still_running()
    {
        await _api.AddJellyfinAsync();
        var sim = _api.Jellyfin;
        var toggled = Webhooks.WebhookHarness.Edited(
            "jellyfin-webhook-real/raw/19-UserDataSaved-TogglePlayed-admin-movie-mark-played.json",
            Webhooks.WebhookSamples.JellyfinAgent,
            j =>
            {
                j["ServerId"] = sim.ServerId;
                j["UserId"] = sim.AdminUserId;
                j["ItemId"] = sim.ItemIdOf("Inception");
                j["Name"] = "Inception";
                j["Year"] = 2010;
                j["Provider_imdb"] = "tt1375666";
            });

        // Every request of the import now takes seconds: the run stays in progress while the webhook arrives.
        sim.Faults.Delay = TimeSpan.FromSeconds(3);
        var (started, run) = await _api.PostAsync("/v1/api/tasks/import/run");
        using var content = new ByteArrayContent(toggled.Body.ToArray());
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(toggled.ContentType);
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/api/webhook") { Content = content };
        message.Headers.TryAddWithoutValidation("User-Agent", toggled.UserAgent);
        using var accepted = await _api.Http.SendAsync(message, TestContext.Current.CancellationToken);
        var id = System.Text.Json.JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("id").GetInt64();

        var applied = await ApiHarness.UntilAsync(async () =>
        {
            var e = await _api.OkAsync($"/v1/api/events/{id}");
            return e.GetProperty("event").GetProperty("status").GetString() == "pending" ? (System.Text.Json.JsonElement?)null : e;
        });
        var runs = await _api.OkAsync("/v1/api/tasks/import/runs");
        sim.Faults.Delay = TimeSpan.Zero;
        await _api.Services.GetRequiredService<TaskRunner>().WaitForBackgroundAsync();

        Assert.Equal(HttpStatusCode.Accepted, started);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("applied", applied.GetProperty("event").GetProperty("status").GetString());
        var importRun = runs.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == run.GetProperty("runId").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, importRun.GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task Runs_are_paged_newest_first()
    {
        await _api.RunTaskAsync("prune");
        var last = await _api.RunTaskAsync("prune");

        var page = await _api.OkAsync("/v1/api/tasks/prune/runs?perPage=1");

        Assert.Equal(2, page.GetProperty("total").GetInt64());
        Assert.Equal(last.GetProperty("id").GetInt64(), Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Patch_enables_a_task_with_a_new_schedule_that_the_scheduler_uses_and_keeps()
    {
        var (status, task) = await _api.PatchAsync("/v1/api/tasks/import", new { enabled = true, schedule = "*/15 * * * *" });
        var listed = (await _api.OkAsync("/v1/api/tasks")).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "import");
        var reloaded = await _api.Services.GetRequiredService<TaskScheduleOverrides>().LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(task.GetProperty("enabled").GetBoolean());
        Assert.Equal("*/15 * * * *", task.GetProperty("schedule").GetString());
        Assert.True(listed.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, listed.GetProperty("nextRun").GetDateTimeOffset().Minute % 15);
        Assert.Contains(reloaded, s => s is { Task: "import", Enabled: true, Expression: "*/15 * * * *" });
        Assert.Contains(_api.Services.GetRequiredService<CronScheduler>().Active, s => s.Task == "import");
    }

    [Fact]
    public async Task A_bad_cron_expression_is_a_400_problem_and_changes_nothing()
    {
        var (status, problem) = await _api.PatchAsync("/v1/api/tasks/import", new { enabled = true, schedule = "every hour" });
        var import = (await _api.OkAsync("/v1/api/tasks")).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "import");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("WS_CRON_IMPORT_AT: 'every hour' is not a cron expression", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(import.GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("GET", "/v1/api/tasks/nope/runs")]
    [InlineData("POST", "/v1/api/tasks/nope/run")]
    [InlineData("PATCH", "/v1/api/tasks/nope")]
    public async Task An_unknown_task_is_a_404_problem(string method, string url)
    {
        var (status, problem) = await _api.SendAsync(new HttpMethod(method), url, method == "PATCH" ? new { enabled = true } : null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("no task named 'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
