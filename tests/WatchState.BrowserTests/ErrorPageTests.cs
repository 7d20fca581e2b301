namespace WatchState.BrowserTests;

public sealed class ErrorPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_dead_link_shows_a_page_with_a_way_back_while_the_api_keeps_answering_problem_details()
    {
        await using var server = await UiServer.StartAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        var response = await page.GotoAsync(server.Url("/no/such/page"));
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByTestId("error-page")).ToContainTextAsync("Page not found");
        await tab.ScreenshotAsync("not-found.desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the dashboard" }).ClickAsync();
        await page.WaitForURLAsync(server.Url("/"));

        var api = await page.APIRequest.GetAsync(server.Url("/v1/api/no-such-thing"));
        Assert.Equal(404, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);
        Assert.Empty(tab.ConsoleErrors);
    }
}
