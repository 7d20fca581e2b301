using WatchState.Backends;
using WatchState.Sync;

namespace WatchState.BrowserTests;

/// <summary>The backend pages: list with switches, the add wizard, the edit page.</summary>
public sealed class BackendsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_jellyfin_server_is_added_through_the_wizard_from_an_empty_install()
    {
        await using var sims = await BackendsSims.StartAsync();
        var jellyfin = sims.Jellyfin!;
        await using var server = await UiServer.StartAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/backends"));
        await Assertions.Expect(page.GetByTestId("no-backends")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add your first backend" }).ClickAsync();
        await page.WaitForURLAsync(server.Url("/backends/add"));
        await tab.ScreenshotAsync("backends-add.1-server.desktop");

        await page.GetByLabel("Server type").SelectOptionAsync("jellyfin");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("home_jellyfin");
        await page.GetByLabel("URL").FillAsync(jellyfin.BaseUrl.ToString());
        await page.GetByLabel("Token").FillAsync(jellyfin.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("connected")).ToContainTextAsync("Living room");
        await Assertions.Expect(page.GetByTestId("connected")).ToContainTextAsync(jellyfin.Version);
        await tab.ScreenshotAsync("backends-add.2-connection.desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: choose the user" }).ClickAsync();

        // The server's only admin is chosen for you; alice could be picked instead.
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "admin" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "alice" })).Not.ToBeCheckedAsync();
        await tab.ScreenshotAsync("backends-add.3-user.desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Export" })).ToBeCheckedAsync();
        await tab.ScreenshotAsync("backends-add.4-sync.desktop");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Live events" }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save backend" }).ClickAsync();

        await page.WaitForURLAsync(server.Url("/backends/home_jellyfin"));
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Added backend home_jellyfin");
        var added = Assert.Single(await server.BackendsAsync());
        Assert.Equal(("home_jellyfin", BackendType.Jellyfin, jellyfin.AdminUserId, jellyfin.ServerId, jellyfin.ApiKey),
            (added.Name, added.Type, added.User, added.Uuid, added.Token));
        Assert.Equal("false", added.Options["LIVE"]);

        await page.GotoAsync(server.Url("/backends"));
        await Assertions.Expect(page.GetByTestId("backend-card")).ToContainTextAsync("home_jellyfin");
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Wrong_input_and_a_wrong_token_are_explained_and_nothing_is_saved()
    {
        await using var sims = await BackendsSims.StartAsync();
        var jellyfin = sims.Jellyfin!;
        await using var server = await UiServer.StartAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser, TestPage.Phone);
        var page = tab.Page;
        await page.GotoAsync(server.Url("/backends/add"));

        await page.GetByLabel("Server type").SelectOptionAsync("jellyfin");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Home Jellyfin");
        await page.GetByLabel("URL").FillAsync("jellyfin.local:8096");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Assertions.Expect(page.Locator("#name-error")).ToContainTextAsync("lower-case letters, digits and _");
        await Assertions.Expect(page.Locator("#url-error")).ToContainTextAsync("is not an http:// or https:// URL");
        await Assertions.Expect(page.Locator("#token-error")).ToContainTextAsync("Enter the server's token");
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        Assert.False(await tab.OverflowsSidewaysAsync());
        await tab.ScreenshotAsync("backends-add.1-server-errors.phone");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("home_jellyfin");
        await page.GetByLabel("URL").FillAsync(jellyfin.BaseUrl.ToString());
        await page.GetByLabel("Token").FillAsync("not-the-api-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("wizard-error")).ToContainTextAsync("token rejected (401)");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test the connection" })).ToBeVisibleAsync();
        Assert.Empty(await server.BackendsAsync());
        Assert.False(await tab.OverflowsSidewaysAsync());
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task A_plex_home_profile_with_a_pin_is_added_through_the_wizard()
    {
        await using var sims = await BackendsSims.StartAsync(jellyfin: false, plex: true);
        var plex = sims.Plex!;
        await using var server = await UiServer.StartAsync(environment: sims.Environment);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser, TestPage.Phone);
        var page = tab.Page;
        await page.GotoAsync(server.Url("/backends/add"));

        await page.GetByLabel("Server type").SelectOptionAsync("plex");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("plex_kid");
        await page.GetByLabel("URL").FillAsync(plex.BaseUrl.ToString());
        await page.GetByLabel("Token").FillAsync(plex.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("connected")).ToContainTextAsync("Hera");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: choose the user" }).ClickAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "kid" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pin-error")).ToContainTextAsync("kid's profile is protected");
        Assert.False(await tab.OverflowsSidewaysAsync());
        await tab.ScreenshotAsync("backends-add.3-user.phone");

        await page.GetByLabel("PIN of the protected profile").FillAsync("1234");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save backend" }).ClickAsync();

        await page.WaitForURLAsync(server.Url("/backends/plex_kid"));
        var added = Assert.Single(await server.BackendsAsync());
        Assert.Equal((BackendType.Plex, plex.TokenOf("kid"), plex.MachineIdentifier), (added.Type, added.Token, added.Uuid));
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task A_limited_plex_token_asks_for_the_user_id_instead_of_a_list()
    {
        await using var sims = await BackendsSims.StartAsync(jellyfin: false, plex: true);
        var plex = sims.Plex!;
        var aliceId = plex.AccountIdOf("alice").ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await UiServer.StartAsync(environment: sims.Environment);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;
        await page.GotoAsync(server.Url("/backends/add?type=plex"));

        await Assertions.Expect(page.GetByLabel("Server type")).ToHaveValueAsync("plex");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("plex_alice");
        await page.GetByLabel("URL").FillAsync(plex.BaseUrl.ToString());
        await page.GetByLabel("Token").FillAsync(plex.TokenOf("alice"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: choose the user" }).ClickAsync();

        // The token cannot list the server's users, so the step asks for the id instead of offering a list.
        await Assertions.Expect(page.GetByLabel("User id")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.Locator("#user-error")).ToContainTextAsync("Enter the id of the user");
        await page.GetByLabel("User id").FillAsync(aliceId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save backend" }).ClickAsync();

        await page.WaitForURLAsync(server.Url("/backends/plex_alice"));
        var added = Assert.Single(await server.BackendsAsync());
        Assert.Equal((aliceId, plex.TokenOf("alice"), "true"), (added.User, added.Token, added.Options["is_limited_token"]));
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Turning_export_off_in_the_list_is_saved_at_once()
    {
        await using var sims = await BackendsSims.StartAsync(emby: true, plex: true);
        await using var server = await UiServer.StartAsync(sims.ServersYaml(), sims.Environment);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;
        await page.GotoAsync(server.Url("/backends"));

        var card = page.Locator("[data-backend=jf]");
        await Assertions.Expect(page.GetByTestId("backend-card")).ToHaveCountAsync(3);
        await tab.ScreenshotAsync("backends.desktop");
        await card.GetByRole(AriaRole.Checkbox, new() { Name = "Export" }).UncheckAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Export turned off for jf");

        Assert.False((await server.BackendsAsync()).Single(b => b.Name == "jf").ExportEnabled);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-backend=jf]").GetByRole(AriaRole.Checkbox, new() { Name = "Export" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-backend=jf]").GetByRole(AriaRole.Checkbox, new() { Name = "Import" })).ToBeCheckedAsync();
        Assert.Empty(tab.ConsoleErrors);

        await using var phone = await TestPage.OpenAsync(browser.Browser, TestPage.Phone);
        await server.LoginAsync(phone.Page);
        await phone.Page.GotoAsync(server.Url("/backends"));
        Assert.False(await phone.OverflowsSidewaysAsync());
        await phone.ScreenshotAsync("backends.phone");
        Assert.Empty(phone.ConsoleErrors);
    }

    [Fact]
    public async Task Ignoring_a_library_on_the_backend_page_is_stored_in_options_ignore()
    {
        await using var sims = await BackendsSims.StartAsync(emby: true);
        var jellyfin = sims.Jellyfin!;
        await using var server = await UiServer.StartAsync(sims.ServersYaml());
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;
        await page.GotoAsync(server.Url("/backends/jf"));

        await Assertions.Expect(page.GetByTestId("user-row").Filter(new() { HasText = "alice" })).ToBeVisibleAsync();
        var movies = page.GetByRole(AriaRole.Checkbox, new() { Name = "Ignore Movies" });
        await Assertions.Expect(movies).Not.ToBeCheckedAsync();
        await movies.CheckAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Import now skips Movies");

        var backend = (await server.BackendsAsync()).Single(b => b.Name == "jf");
        Assert.Equal([jellyfin.LibraryIdOf("Movies")], IgnoredLibraries.Of(backend));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Ignore Movies" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Ignore Shows" })).Not.ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-result")).ToContainTextAsync("Living room");
        await tab.ScreenshotAsync("backend-edit.desktop");
        Assert.Empty(tab.ConsoleErrors);

        await using var phone = await TestPage.OpenAsync(browser.Browser, TestPage.Phone);
        await server.LoginAsync(phone.Page);
        await phone.Page.GotoAsync(server.Url("/backends/emby"));
        await Assertions.Expect(phone.Page.GetByTestId("library-row").First).ToBeVisibleAsync();
        await Assertions.Expect(phone.Page.GetByTestId("user-row").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync("backend-edit.phone");
        Assert.False(await phone.OverflowsSidewaysAsync());
        Assert.Empty(phone.ConsoleErrors);
    }

    [Fact]
    public async Task A_new_token_that_the_server_refuses_is_not_kept()
    {
        await using var sims = await BackendsSims.StartAsync();
        var jellyfin = sims.Jellyfin!;
        await using var server = await UiServer.StartAsync(sims.ServersYaml());
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;
        await page.GotoAsync(server.Url("/backends/jf"));

        await page.GetByLabel("Token").FillAsync("a-wrong-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("save-error")).ToContainTextAsync("token rejected (401)");
        Assert.Equal(jellyfin.ApiKey, (await server.BackendsAsync()).Single().Token);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Removing_a_backend_asks_first_and_then_removes_only_it()
    {
        await using var sims = await BackendsSims.StartAsync(emby: true);
        await using var server = await UiServer.StartAsync(sims.ServersYaml());
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;
        await page.GotoAsync(server.Url("/backends/jf"));

        var questions = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            if (accept)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove jf" }).ClickAsync();
        Assert.Equal(2, (await server.BackendsAsync()).Count);

        accept = true;
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove jf" }).ClickAsync();
        await page.WaitForURLAsync(server.Url("/backends"));
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Removed backend jf");

        Assert.Equal(["Remove backend jf? Its history stays.", "Remove backend jf? Its history stays."], questions);
        Assert.Equal("emby", Assert.Single(await server.BackendsAsync()).Name);
        await Assertions.Expect(page.GetByTestId("backend-card")).ToHaveCountAsync(1);
        Assert.Empty(tab.ConsoleErrors);
    }
}
