namespace WatchState.BrowserTests;

public sealed class LoginTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_right_one_returns_to_the_page_asked_for()
    {
        await using var server = await UiServer.StartAsync();
        await server.CreateAdminAsync();
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/history?q=matrix"));
        Assert.StartsWith(server.Url("/login"), page.Url, StringComparison.Ordinal);

        await page.GetByLabel("User name").FillAsync(UiServer.User);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong user name or password");
        await tab.ScreenshotAsync("login-error.desktop");

        await page.GetByLabel("Password").FillAsync(UiServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(server.Url("/history?q=matrix"));

        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        await using var server = await UiServer.StartAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(server.Url("/login"));

        await page.GotoAsync(server.Url("/"));
        Assert.StartsWith(server.Url("/login"), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_page_does_not_redirect_to_another_site_after_login()
    {
        await using var server = await UiServer.StartAsync();
        await server.CreateAdminAsync();
        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/login?ReturnUrl=https%3A%2F%2Fexample.invalid%2F"));
        await page.GetByLabel("User name").FillAsync(UiServer.User);
        await page.GetByLabel("Password").FillAsync(UiServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await page.WaitForURLAsync(server.Url("/"));
    }
}
