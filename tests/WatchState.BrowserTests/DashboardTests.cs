using Microsoft.Extensions.DependencyInjection;
using WatchState.Scheduling;
using WatchState.Simulator;

namespace WatchState.BrowserTests;

public sealed class DashboardTests(BrowserFixture browser)
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        movie "Arrival" 2016 imdb=tt2543164 runtime=1h56m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
          s01e02 runtime=48m
        """;

    [Fact]
    public async Task After_an_import_the_dashboard_shows_every_backend_and_what_changed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(Library) }, ct);
        await using var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(Library) }, ct);
        jellyfin.MarkPlayed(jellyfin.AdminUserId, jellyfin.ItemIdOf("The Matrix"), DateTimeOffset.UtcNow.AddHours(-3));
        emby.SetPosition(emby.AdminUserId, emby.ItemIdOf("Inception"), TimeSpan.FromMinutes(42));

        await using var server = await UiServer.StartAsync($"""
            jellyfin:
              type: jellyfin
              url: {jellyfin.BaseUrl}
              token: {jellyfin.ApiKey}
              user: {jellyfin.AdminUserId}
            emby:
              type: emby
              url: {emby.BaseUrl}
              token: {emby.ApiKey}
              user: {emby.AdminUserId}
            """);
        var import = await server.App.Services.GetRequiredService<TaskRunner>().RunAsync("import", TaskTrigger.Manual, ct);
        Assert.Equal("ok", import.Outcome);

        foreach (var (size, name) in new[] { (TestPage.Desktop, "desktop"), (TestPage.Phone, "phone") })
        {
            await using var tab = await server.OpenLoggedInAsync(browser.Browser, size);
            var page = tab.Page;

            await Assertions.Expect(page.GetByTestId("backend-card")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-backend=jellyfin]")).ToContainTextAsync("Import");
            var changes = page.GetByRole(AriaRole.Region, new() { Name = "Recent changes" });
            await Assertions.Expect(changes.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "The Matrix" })).ToContainTextAsync("watched");
            await Assertions.Expect(changes.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Inception" })).ToContainTextAsync("at 42:00");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Last task runs" })).ToContainTextAsync("import");
            Assert.Contains("/v1/api/webhook?apikey=", await page.GetByRole(AriaRole.Textbox, new() { Name = "Webhook URL" }).InputValueAsync(), StringComparison.Ordinal);

            Assert.False(await tab.OverflowsSidewaysAsync());
            await tab.ScreenshotAsync($"dashboard.{name}");
            Assert.Empty(tab.ConsoleErrors);
        }

        await using var dark = await TestPage.OpenAsync(browser.Browser, colorScheme: "dark");
        await server.LoginAsync(dark.Page);
        await dark.ScreenshotAsync("dashboard.desktop-dark");
    }
}
