namespace WatchState.BrowserTests;

/// <summary>The Tasks page: run now with live progress, switch on and off, change the schedule.</summary>
public sealed class TasksTests(BrowserFixture browser)
{
    [Fact]
    public async Task Run_now_imports_from_jellyfin_without_blocking_and_shows_the_outcome_when_the_run_ends()
    {
        await using var sims = await OpsSims.StartAsync();
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;
        await sims.LoginAsync(tab);
        await page.GotoAsync(sims.Server.Url("/tasks"));

        var import = page.Locator("[data-task=import]");
        await Assertions.Expect(import.GetByTestId("task-last")).ToContainTextAsync("never");
        await import.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();

        // The card polls by itself until the run is over, then shows its outcome and summary.
        await Assertions.Expect(import.GetByTestId("task-last")).ToContainTextAsync("ok", new() { Timeout = 60_000 });
        await Assertions.Expect(import.GetByTestId("task-message")).ToContainTextAsync("jf");
        await Assertions.Expect(import.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToBeEnabledAsync();
        await Assertions.Expect(import.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);

        // The import really happened: the dashboard lists what it read.
        await page.GotoAsync(sims.Server.Url("/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "The Matrix" })).ToBeVisibleAsync();

        await page.GotoAsync(sims.Server.Url("/tasks"));
        await tab.ScreenshotAsync("tasks.desktop");
        await page.GotoAsync(sims.Server.Url("/tasks/import"));
        var runs = page.GetByTestId("run");
        await Assertions.Expect(runs).ToHaveCountAsync(1);
        await Assertions.Expect(runs.First).ToContainTextAsync("manual");
        await Assertions.Expect(runs.First).ToContainTextAsync("ok");
        OpsSims.AssertNoConsoleErrors(tab);
    }

    [Fact]
    public async Task Run_now_from_a_page_opened_before_another_run_started_says_it_is_already_running()
    {
        await using var sims = await OpsSims.StartAsync();
        await using var phone = await TestPage.OpenAsync(browser.Browser, TestPage.Phone);
        await sims.LoginAsync(phone);
        await phone.Page.GotoAsync(sims.Server.Url("/tasks"));
        var stale = phone.Page.Locator("[data-task=import]");
        await Assertions.Expect(stale.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToBeEnabledAsync();

        // Every request to the server is held back, so the import started in the other tab is still running.
        sims.Jellyfin.Faults.Delay = TimeSpan.FromSeconds(3);
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;
        await sims.LoginAsync(tab);
        await page.GotoAsync(sims.Server.Url("/tasks"));
        var import = page.Locator("[data-task=import]");
        await import.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(import.GetByTestId("task-state")).ToHaveTextAsync("running");
        await Assertions.Expect(import.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();

        await stale.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(stale.GetByTestId("task-error")).ToContainTextAsync("already running");
        await Assertions.Expect(stale.GetByTestId("task-state")).ToHaveTextAsync("running");
        await OpsSims.AssertFitsSidewaysAsync(phone);
        await phone.ScreenshotAsync("tasks.phone");

        sims.Jellyfin.Faults.Delay = TimeSpan.Zero;
        await Assertions.Expect(import.GetByTestId("task-last")).ToContainTextAsync("ok", new() { Timeout = 90_000 });
        await Assertions.Expect(stale.GetByTestId("task-last")).ToContainTextAsync("ok", new() { Timeout = 30_000 });
        OpsSims.AssertNoConsoleErrors(tab);
        Assert.True(phone.ConsoleErrors.Count == 0, await OpsSims.StyledElementsAsync(phone) + string.Join(Environment.NewLine, phone.ConsoleErrors));
    }

    [Fact]
    public async Task A_task_is_switched_off_and_on_and_a_bad_schedule_is_refused_while_a_good_one_is_kept()
    {
        await using var sims = await OpsSims.StartAsync();
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;
        await sims.LoginAsync(tab);
        await page.GotoAsync(sims.Server.Url("/tasks"));

        var backup = page.Locator("[data-task=backup]");
        var toggle = backup.GetByLabel("Run on schedule");
        await Assertions.Expect(toggle).ToBeCheckedAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(backup.GetByTestId("task-state")).ToHaveTextAsync("off");
        await page.ReloadAsync();
        await Assertions.Expect(backup.GetByLabel("Run on schedule")).Not.ToBeCheckedAsync();
        await Assertions.Expect(backup).ToContainTextAsync("Not scheduled while switched off");

        await backup.GetByLabel("Run on schedule").ClickAsync();
        await Assertions.Expect(backup.GetByTestId("task-state")).ToHaveTextAsync("scheduled");

        var schedule = backup.GetByLabel("Schedule (cron)");
        await schedule.FillAsync("every day at noon");
        await backup.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(backup.GetByTestId("task-error")).ToContainTextAsync("is not a cron expression");
        await Assertions.Expect(backup.GetByLabel("Schedule (cron)")).ToHaveValueAsync("every day at noon");

        await backup.GetByLabel("Schedule (cron)").FillAsync("15 */2 * * *");
        await backup.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(backup.GetByTestId("task-error")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Assertions.Expect(backup.GetByLabel("Schedule (cron)")).ToHaveValueAsync("15 */2 * * *");
        await Assertions.Expect(backup).ToContainTextAsync("Next run");
        OpsSims.AssertNoConsoleErrors(tab);
    }
}
