using System.Text.RegularExpressions;

namespace WatchState.BrowserTests;

/// <summary>The history pages: find items, see why they are in their state, and mark them played or unplayed.</summary>
public sealed partial class HistoryTests(BrowserFixture browser)
{
    [Fact]
    public async Task Search_filters_and_paging_narrow_the_list_and_the_url_keeps_them()
    {
        await using var sims = await HistorySims.StartAsync();
        await using var server = await UiServer.StartAsync(sims.ServersYaml);
        await HistorySims.ImportAsync(server);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/history"));
        var rows = page.GetByTestId("history-row");
        await Assertions.Expect(rows).ToHaveCountAsync(HistorySims.ItemCount);
        await Assertions.Expect(page.GetByTestId("history-range")).ToHaveTextAsync($"1–{HistorySims.ItemCount} of {HistorySims.ItemCount}");
        await tab.ScreenshotAsync("history.desktop");

        await page.GetByLabel("Search titles").FillAsync("sever");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(page).ToHaveURLAsync(SearchedSeverance());
        await page.GetByLabel("Watched", new() { Exact = true }).SelectOptionAsync("yes");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Severance S01E01");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Search titles")).ToHaveValueAsync("sever");
        await Assertions.Expect(page.GetByLabel("Watched", new() { Exact = true })).ToHaveValueAsync("yes");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        await page.GetByLabel("Search titles").FillAsync("no such title");
        await Assertions.Expect(page.GetByTestId("history-no-match")).ToContainTextAsync("no such title");

        await page.GotoAsync(server.Url("/history"));
        await page.GetByLabel("Type").SelectOptionAsync("movie");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await page.GetByLabel("Type").SelectOptionAsync("");
        await page.GetByLabel("Per page").SelectOptionAsync("10");
        await Assertions.Expect(page.GetByTestId("history-range")).ToHaveTextAsync($"1–10 of {HistorySims.ItemCount}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("history-range")).ToHaveTextAsync($"11–{HistorySims.ItemCount} of {HistorySims.ItemCount}");
        await Assertions.Expect(rows).ToHaveCountAsync(HistorySims.ItemCount - 10);
        await Assertions.Expect(page).ToHaveURLAsync(SecondPage());
        await page.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Marking_an_item_played_writes_it_to_every_server_and_unplayed_takes_it_back()
    {
        await using var sims = await HistorySims.StartAsync();
        await using var server = await UiServer.StartAsync(sims.ServersYaml);
        await HistorySims.ImportAsync(server);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;
        Assert.False(sims.PlayedOnJellyfin("Arrival"));
        Assert.False(sims.PlayedOnEmby("Arrival"));

        await page.GotoAsync(server.Url("/history"));
        await page.GetByLabel("Search titles").FillAsync("arriv");
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(1);

        // The search's answer also updates the address bar; a click before that would be cancelled by it.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=arriv"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Arrival" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arrival", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("item-state")).ToHaveTextAsync("not watched");
        await Assertions.Expect(page.GetByTestId("view")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark played" }).ClickAsync();
        await HistorySims.EventuallyAsync(() => sims.PlayedOnJellyfin("Arrival") && sims.PlayedOnEmby("Arrival"), "Arrival is played on both servers");
        var done = page.Locator("[data-testid=write][data-status=done]");
        await Assertions.Expect(done).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("item-live")).ToHaveAttributeAsync("data-polling", "false");
        await Assertions.Expect(page.GetByTestId("item-state")).ToHaveTextAsync("watched");
        await Assertions.Expect(page.GetByTestId("decisions")).ToContainTextAsync("You, in WatchState");
        await Assertions.Expect(page.GetByTestId("decisions")).ToContainTextAsync("Written to jellyfin");
        await Assertions.Expect(page.GetByTestId("write-failed")).ToHaveCountAsync(0);
        await tab.ScreenshotAsync("history-item.desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unplayed" }).ClickAsync();
        await HistorySims.EventuallyAsync(() => !sims.PlayedOnJellyfin("Arrival") && !sims.PlayedOnEmby("Arrival"), "Arrival is unplayed on both servers");
        await Assertions.Expect(done).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByTestId("item-state")).ToHaveTextAsync("not watched");
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task A_write_to_a_server_that_is_down_says_why_while_the_others_go_through()
    {
        await using var sims = await HistorySims.StartAsync();
        await using var server = await UiServer.StartAsync(sims.ServersYaml);
        await HistorySims.ImportAsync(server);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;
        await page.GotoAsync(server.Url("/history?q=Heat"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Heat" }).ClickAsync();
        sims.Emby.Faults.Down = true;

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark played" }).ClickAsync();
        await HistorySims.EventuallyAsync(() => sims.PlayedOnJellyfin("Heat"), "Heat is played on Jellyfin");
        var problem = page.GetByTestId("write-failed");
        await Assertions.Expect(problem).ToContainTextAsync("to emby failed", new() { Timeout = 90_000 });
        await Assertions.Expect(problem).ToContainTextAsync("tried again");
        await Assertions.Expect(page.Locator("[data-testid=write][data-backend=jellyfin]")).ToHaveAttributeAsync("data-status", "done");
        await Assertions.Expect(page.Locator("[data-testid=write][data-backend=emby]")).ToHaveAttributeAsync("data-status", "pending");
        Assert.False(sims.PlayedOnEmby("Heat"));
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Without_javascript_the_search_form_and_the_mark_buttons_still_work()
    {
        await using var sims = await HistorySims.StartAsync();
        await using var server = await UiServer.StartAsync(sims.ServersYaml);
        await server.CreateAdminAsync();
        await HistorySims.ImportAsync(server);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await server.LoginAsync(page);

        await page.GotoAsync(server.Url("/history"));
        await page.GetByLabel("Search titles").FillAsync("spirited");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SearchedSpirited());
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Spirited Away" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unplayed" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-state")).ToHaveTextAsync("not watched");
        await HistorySims.EventuallyAsync(() => !sims.PlayedOnJellyfin("Spirited Away"), "Spirited Away is unplayed on Jellyfin");

        // The login cookie alone is not enough: a post without the antiforgery token (another site's form) is refused.
        var form = page.APIRequest.CreateFormData();
        form.Set("played", "true");
        var forged = await page.APIRequest.PostAsync(page.Url + "?handler=Mark", new() { Form = form });
        Assert.Equal(400, forged.Status);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("item-state")).ToHaveTextAsync("not watched");
    }

    [Fact]
    public async Task On_a_phone_the_list_and_the_item_page_fit_the_screen()
    {
        await using var sims = await HistorySims.StartAsync();
        await using var server = await UiServer.StartAsync(sims.ServersYaml);
        await HistorySims.ImportAsync(server);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser, TestPage.Phone);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/history"));
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(HistorySims.ItemCount);
        Assert.False(await tab.OverflowsSidewaysAsync());
        await tab.ScreenshotAsync("history.phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "Breaking Bad S01E03" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-state")).ToContainTextAsync("resume at 21:00");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark played" })).ToBeVisibleAsync();
        Assert.False(await tab.OverflowsSidewaysAsync());
        await tab.ScreenshotAsync("history-item.phone");
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Before_any_import_the_history_says_how_to_fill_it_and_an_unknown_item_is_not_found()
    {
        await using var server = await UiServer.StartAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/history"));
        var empty = page.GetByTestId("history-empty");
        await Assertions.Expect(empty).ToContainTextAsync("No items yet");
        await Assertions.Expect(empty.GetByRole(AriaRole.Link, new() { Name = "Add a backend" })).ToHaveAttributeAsync("href", "/backends/add");

        var response = await page.GotoAsync(server.Url("/history/424242"));
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByTestId("item-not-found")).ToContainTextAsync("doesn't exist");
        Assert.Empty(tab.ConsoleErrors);
    }

    [GeneratedRegex(@"[?&]q=sever(&|$)")]
    private static partial Regex SearchedSeverance();

    [GeneratedRegex(@"[?&]q=spirited(&|$)")]
    private static partial Regex SearchedSpirited();

    [GeneratedRegex(@"[?&]page=2(&|$)")]
    private static partial Regex SecondPage();
}
