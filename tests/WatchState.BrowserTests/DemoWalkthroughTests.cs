using WatchState.Demo;

namespace WatchState.BrowserTests;

/// <summary>
/// The issue's own check: a new user starts the demo, logs in with what it printed, adds nothing, sees three servers
/// in sync, marks a movie unwatched and sees it unwatched on all three.
/// </summary>
public sealed class DemoWalkthroughTests(BrowserFixture browser) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ws-demo-ui-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task A_new_user_marks_a_movie_unwatched_in_the_demo_and_all_three_servers_follow()
    {
        await using var demo = await DemoServer.StartAsync(new DemoOptions { Port = 0, Movies = 24, DataPath = _data }, TestContext.Current.CancellationToken);
        var servers = demo.Environment;
        const string title = "The Matrix";
        Assert.True(Played(servers, title).All(p => p), "the first sync made it watched everywhere");

        await using var tab = await TestPage.OpenAsync(browser.Browser);
        var page = tab.Page;
        await page.GotoAsync(demo.Url.ToString());
        await page.GetByLabel("User name").FillAsync(DemoServer.AdminUser);
        await page.GetByLabel("Password").FillAsync(demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("backend-card")).ToHaveCountAsync(3);
        foreach (var name in new[] { DemoEnvironment.PlexName, DemoEnvironment.JellyfinName, DemoEnvironment.EmbyName })
        {
            await Assertions.Expect(page.Locator($"[data-backend={name}]")).ToContainTextAsync("connected");
        }

        await tab.ScreenshotAsync("demo-dashboard.desktop");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await page.GetByLabel("Search titles").FillAsync("matrix");
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=matrix"));
        await page.GetByTestId("history-row").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();

        // Every server's view of it, all watched after the first sync.
        var views = page.GetByTestId("item-views");
        await Assertions.Expect(views.Locator("tbody tr")).ToHaveCountAsync(3);

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unplayed" }).ClickAsync();
        foreach (var name in new[] { DemoEnvironment.PlexName, DemoEnvironment.JellyfinName, DemoEnvironment.EmbyName })
        {
            await Assertions.Expect(page.Locator($"[data-testid=write][data-backend={name}]").First)
                .ToHaveAttributeAsync("data-status", "done", new() { Timeout = 30_000 });
        }

        Assert.Equal([false, false, false], Played(servers, title));
        Assert.True(Played(servers, "Inception").All(p => p), "other movies keep their state");
        await tab.ScreenshotAsync("demo-item-unwatched.desktop");
        Assert.Empty(tab.ConsoleErrors);
    }

    private static bool[] Played(DemoEnvironment servers, string title) =>
    [
        servers.Plex.GetPlayState(DemoLibrary.Admin, servers.Plex.RatingKeyOf(title)).Played,
        servers.Jellyfin.GetPlayState(servers.Jellyfin.AdminUserId, servers.Jellyfin.ItemIdOf(title)).Played,
        servers.Emby.GetPlayState(servers.Emby.AdminUserId, servers.Emby.ItemIdOf(title)).Played,
    ];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The demo never started.
        }
        catch (IOException)
        {
            // A log file still held open: the temp directory is cleaned by the OS.
        }
    }
}
