namespace WatchState.BrowserTests;

/// <summary>A new user's first minute: no admin yet, so every page leads to the setup form.</summary>
public sealed class FirstRunTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_fresh_install_leads_to_setup_and_lands_on_the_dashboard_logged_in()
    {
        await using var server = await UiServer.StartAsync();
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/history"));
        Assert.Equal(server.Url("/setup"), page.Url);
        await tab.ScreenshotAsync("setup.desktop");

        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Password again").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create admin and continue" }).ClickAsync();

        // The browser's own minlength check stops the form; the server would say the same.
        Assert.Equal(server.Url("/setup"), page.Url);

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long enough password");
        await page.GetByLabel("Password again").FillAsync("a different password!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create admin and continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("the two passwords differ");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long enough password");
        await page.GetByLabel("Password again").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create admin and continue" }).ClickAsync();

        await page.WaitForURLAsync(server.Url("/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("no-backends")).ToBeVisibleAsync();

        // Setup is a one-time page: afterwards it points at the login instead.
        await page.GotoAsync(server.Url("/setup"));
        Assert.Equal(server.Url("/"), page.Url);
        Assert.Empty(tab.ConsoleErrors);
    }
}
