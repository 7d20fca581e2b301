namespace WatchState.BrowserTests;

/// <summary>The frame every page shares: theme, phone width, keyboard.</summary>
public sealed class LayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_theme_switch_overrides_the_system_theme_and_is_remembered()
    {
        await using var server = await UiServer.StartAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser, colorScheme: "dark");
        var page = tab.Page;

        var background = await Background(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch between dark and light theme" }).ClickAsync();
        Assert.Equal("light", await page.GetAttributeAsync("html", "data-theme"));
        Assert.NotEqual(background, await Background(page));

        await page.ReloadAsync();
        Assert.Equal("light", await page.GetAttributeAsync("html", "data-theme"));
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task On_a_phone_the_page_does_not_scroll_sideways_and_every_section_is_reachable()
    {
        await using var server = await UiServer.StartAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser, TestPage.Phone);
        var page = tab.Page;

        Assert.False(await tab.OverflowsSidewaysAsync());
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var section in new[] { "Dashboard", "Backends", "History", "Tasks", "Outbox", "Events", "Logs", "Settings" })
        {
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = section, Exact = true })).ToBeAttachedAsync();
        }
    }

    [Fact]
    public async Task The_keyboard_reaches_the_skip_link_first()
    {
        await using var server = await UiServer.StartAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
    }

    private static Task<string> Background(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor");
}
