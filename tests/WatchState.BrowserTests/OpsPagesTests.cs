using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Webhooks;

namespace WatchState.BrowserTests;

/// <summary>The Outbox, Events, Logs and Settings pages, with a Jellyfin simulator behind the server.</summary>
public sealed class OpsPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_failed_write_shows_its_error_in_full_and_retry_queues_it_again()
    {
        await using var sims = await OpsSims.StartAsync();
        Assert.Equal("ok", (await sims.RunTaskAsync("import")).Outcome);
        var (failedId, queued) = await sims.QueueWritesWithOneFailedAsync();
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;
        await sims.LoginAsync(tab);

        await page.GotoAsync(sims.Server.Url("/outbox"));
        await Assertions.Expect(page.GetByTestId("outbox-row")).ToHaveCountAsync(queued);
        await tab.ScreenshotAsync("outbox.desktop");

        // The dashboard's "failed" count links here.
        await page.GotoAsync(sims.Server.Url("/outbox?status=failed"));
        var row = page.Locator($"#outbox-{failedId}");
        await Assertions.Expect(page.GetByTestId("outbox-row")).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("the item is not in a library the user can see");
        await Assertions.Expect(row.GetByTestId("outbox-status")).ToHaveTextAsync("failed");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Retry write {failedId}" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("outbox-status")).ToHaveTextAsync("pending");
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("sent again");

        await page.GotoAsync(sims.Server.Url("/outbox?status=failed"));
        await Assertions.Expect(page.GetByTestId("outbox-empty")).ToContainTextAsync("No failed writes");
        await page.GotoAsync(sims.Server.Url("/outbox?status=pending"));
        await Assertions.Expect(page.GetByTestId("outbox-row")).ToHaveCountAsync(queued);
        OpsSims.AssertNoConsoleErrors(tab);

        await using var phone = await TestPage.OpenAsync(browser.Browser, TestPage.Phone);
        await sims.LoginAsync(phone);
        await phone.Page.GotoAsync(sims.Server.Url("/outbox"));
        await OpsSims.AssertFitsSidewaysAsync(phone);
        await phone.ScreenshotAsync("outbox.phone");
        OpsSims.AssertNoConsoleErrors(phone);
    }

    [Fact]
    public async Task A_received_webhook_is_shown_with_its_secrets_masked_and_replayed()
    {
        await using var sims = await OpsSims.StartAsync();
        Assert.Equal("ok", (await sims.RunTaskAsync("import")).Outcome);
        const string secret = "s3cr3t-token-9f8e7d";
        var id = await sims.PostWebhookAsync("The Matrix", secret);
        await sims.PostWebhookAsync("Arrival", secret);
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;
        await sims.LoginAsync(tab);

        await page.GotoAsync(sims.Server.Url("/events"));
        var row = page.Locator($"#event-{id}");
        await Assertions.Expect(row.GetByTestId("event-status")).Not.ToHaveTextAsync("pending", new() { Timeout = 30_000 });
        var first = await row.GetByTestId("event-status").TextContentAsync();
        await tab.ScreenshotAsync("events.desktop");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Replay event {id}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("queued");

        // The row follows the replay until the worker has applied the event again.
        await Assertions.Expect(row.GetByTestId("event-status")).ToHaveTextAsync(first!, new() { Timeout = 30_000 });

        await page.GotoAsync(sims.Server.Url("/events?source=jellyfin&status=" + first));
        await Assertions.Expect(page.GetByTestId("event-row")).ToHaveCountAsync(2);

        await row.GetByRole(AriaRole.Link, new() { Name = $"Show event {id}" }).ClickAsync();
        await page.WaitForURLAsync(sims.Server.Url($"/events/{id}"));
        await Assertions.Expect(page.GetByTestId("observations")).ToContainTextAsync("The Matrix");
        var body = page.GetByTestId("event-body");
        await Assertions.Expect(body).ToContainTextAsync("UserDataSaved");
        await Assertions.Expect(body).ToContainTextAsync(WebhookBodyMask.Hidden);
        await Assertions.Expect(body).Not.ToContainTextAsync(secret);
        await tab.ScreenshotAsync("events-detail.desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "queued" })).ToBeVisibleAsync();
        OpsSims.AssertNoConsoleErrors(tab);

        await using var phone = await TestPage.OpenAsync(browser.Browser, TestPage.Phone);
        await sims.LoginAsync(phone);
        await phone.Page.GotoAsync(sims.Server.Url("/events"));
        await OpsSims.AssertFitsSidewaysAsync(phone);
        await phone.ScreenshotAsync("events.phone");
        await phone.Page.GotoAsync(sims.Server.Url($"/events/{id}"));
        await OpsSims.AssertFitsSidewaysAsync(phone);
        await phone.ScreenshotAsync("events-detail.phone");
        OpsSims.AssertNoConsoleErrors(phone);
    }

    [Fact]
    public async Task The_logs_page_follows_new_lines_filters_by_level_and_pauses()
    {
        await using var sims = await OpsSims.StartAsync();
        Assert.Equal("ok", (await sims.RunTaskAsync("import")).Outcome);
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;
        await sims.LoginAsync(tab);
        await page.GotoAsync(sims.Server.Url("/logs"));
        var lines = page.GetByTestId("log-lines");
        await Assertions.Expect(lines).ToContainTextAsync("Task import finished: ok");

        // Written after the page was loaded: it arrives through the live tail.
        Assert.Equal("ok", (await sims.RunTaskAsync("prune")).Outcome);
        await Assertions.Expect(lines).ToContainTextAsync("Task prune finished: ok", new() { Timeout = 15_000 });
        await tab.ScreenshotAsync("logs.desktop");

        var pause = page.GetByTestId("log-pause");
        await pause.ClickAsync();
        await Assertions.Expect(pause).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(pause).ToHaveTextAsync("Resume");

        await page.GetByLabel("Level").SelectOptionAsync("warn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Level")).ToHaveValueAsync("warn");
        await Assertions.Expect(lines).Not.ToContainTextAsync("Task prune finished");

        // Only a date picks a file: a path is refused, never read.
        await page.GotoAsync(sims.Server.Url("/logs?day=..%2F..%2Fconfig%2Fservers.yaml"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("YYYY-MM-DD");
        await Assertions.Expect(lines).Not.ToContainTextAsync(sims.Jellyfin.ApiKey);
        var tail = await page.APIRequest.GetAsync(sims.Server.Url("/logs?handler=Tail&day=..%2Fdb&after=0"));
        Assert.Equal(400, tail.Status);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GotoAsync(sims.Server.Url("/logs?day=" + yesterday));
        await Assertions.Expect(page.GetByTestId("log-empty")).ToContainTextAsync("No log for " + yesterday);
        OpsSims.AssertNoConsoleErrors(tab);

        await using var phone = await TestPage.OpenAsync(browser.Browser, TestPage.Phone);
        await sims.LoginAsync(phone);
        await phone.Page.GotoAsync(sims.Server.Url("/logs"));
        await Assertions.Expect(phone.Page.GetByTestId("log-lines")).ToContainTextAsync("Task prune finished");
        await OpsSims.AssertFitsSidewaysAsync(phone);
        await phone.ScreenshotAsync("logs.phone");
        OpsSims.AssertNoConsoleErrors(phone);
    }

    [Fact]
    public async Task Settings_show_the_ws_values_with_their_origin_mask_secrets_and_rotate_the_api_key()
    {
        await using var sims = await OpsSims.StartAsync(new Dictionary<string, string>
        {
            ["WS_PROGRESS_MINIMUM"] = "90",
            ["WS_CRON_IMPORT"] = "true",
            ["WS_NOTIFY_TOKEN"] = "tok-abcdef-987654",
        });
        var apiKeys = sims.Server.App.Services.GetRequiredService<ApiKeyCheck>();
        var oldKey = await apiKeys.CurrentAsync(TestContext.Current.CancellationToken);
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;
        await sims.LoginAsync(tab);
        await page.GotoAsync(sims.Server.Url("/settings"));

        var minimum = page.Locator("[data-name=WS_PROGRESS_MINIMUM]");
        await Assertions.Expect(minimum.GetByTestId("setting-value")).ToHaveTextAsync("90");
        await Assertions.Expect(minimum).ToContainTextAsync("environment");
        await Assertions.Expect(minimum).ToContainTextAsync("60");
        var segment = page.Locator("[data-name=WS_LIBRARY_SEGMENT]");
        await Assertions.Expect(segment).ToContainTextAsync("default");
        await Assertions.Expect(segment.GetByTestId("setting-value")).ToHaveTextAsync("1000");
        var token = page.Locator("[data-name=WS_NOTIFY_TOKEN]");
        await Assertions.Expect(token).ToContainTextAsync("unused");
        await Assertions.Expect(token).Not.ToContainTextAsync("tok-abcdef-987654");
        await Assertions.Expect(page.GetByTestId("masked-key")).Not.ToHaveTextAsync(oldKey);
        await Assertions.Expect(page.GetByTestId("masked-key")).ToContainTextAsync(oldKey[^4..]);
        Assert.DoesNotContain(oldKey, await page.ContentAsync(), StringComparison.Ordinal);
        await tab.ScreenshotAsync("settings.desktop");

        await page.GetByText("Rotate the key…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, rotate the API key" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-key-notice")).ToBeVisibleAsync();
        var shown = await page.GetByTestId("new-key").InputValueAsync();
        Assert.NotEqual(oldKey, shown);
        Assert.Equal(await apiKeys.CurrentAsync(TestContext.Current.CancellationToken), shown);

        // Shown once: a reload shows it masked again.
        await page.GotoAsync(sims.Server.Url("/settings"));
        await Assertions.Expect(page.GetByTestId("new-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(shown, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "docs/configuration.md" }).ClickAsync();
        await Assertions.Expect(page.Locator("pre")).ToContainTextAsync("WS_PROGRESS_MINIMUM");
        OpsSims.AssertNoConsoleErrors(tab);

        await using var phone = await TestPage.OpenAsync(browser.Browser, TestPage.Phone);
        await sims.LoginAsync(phone);
        await phone.Page.GotoAsync(sims.Server.Url("/settings"));
        await OpsSims.AssertFitsSidewaysAsync(phone);
        await phone.ScreenshotAsync("settings.phone");
        OpsSims.AssertNoConsoleErrors(phone);
    }
}
