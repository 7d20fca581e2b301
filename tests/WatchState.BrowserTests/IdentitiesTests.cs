using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Identities;

namespace WatchState.BrowserTests;

/// <summary>The identities page: review who is who across the servers, fix a match, provision, browse and remove.</summary>
public sealed partial class IdentitiesTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Review_matches_then_pair_two_users_through_mapper_yaml()
    {
        await using var sims = await IdentitiesSims.StartAsync();
        await using var server = await sims.StartServerAsync();
        await IdentitiesSims.ImportAsync(server, IdentityFiles.Main);
        await sims.AddAliceAsync(server);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/identities"));
        var rows = page.GetByTestId("identity-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("main");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("alice");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(sims.Jellyfin.UserIdOf("alice"));
        var groups = page.GetByTestId("match-group");
        await Assertions.Expect(groups).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-group='bob']")).ToContainTextAsync("Bob");
        await Assertions.Expect(page.Locator("[data-group='bob']")).ToContainTextAsync("same name");
        var unmatched = page.GetByTestId("unmatched-user");
        await Assertions.Expect(unmatched).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("match-unmatched")).ToContainTextAsync("carol — only on jf");
        await Assertions.Expect(page.GetByTestId("match-unmatched")).ToContainTextAsync("Caz — only on emby");

        await page.GetByLabel("User", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "carol on jf" });
        await page.GetByLabel("Is the same person as").SelectOptionAsync(new SelectOptionValue { Label = "Caz on emby" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Map them" }).ClickAsync();

        await Assertions.Expect(groups).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-group='carol']")).ToContainTextAsync("Caz");
        await Assertions.Expect(page.Locator("[data-group='carol'] .badge.accent")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("match-all")).ToBeVisibleAsync();
        var mapping = await MapperFile.LoadAsync(Path.Combine(server.DataRoot, "config", MapperFile.FileName), MapperFile.FileName, Ct);
        Assert.Equal([("jf", "carol"), ("emby", "Caz")], Assert.Single(mapping.Groups).Users.Select(u => (u.Backend, u.Name)));
        await tab.ScreenshotAsync("identities.desktop");

        await using var phone = await TestPage.OpenAsync(browser.Browser, TestPage.Phone);
        await server.LoginAsync(phone.Page);
        await phone.Page.GotoAsync(server.Url("/identities"));
        await Assertions.Expect(phone.Page.GetByTestId("match-group")).ToHaveCountAsync(4);
        await phone.ScreenshotAsync("identities.phone");
        Assert.False(await phone.OverflowsSidewaysAsync());
        Assert.Empty(phone.ConsoleErrors);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Provision_previews_first_then_creates_an_identity_per_group()
    {
        await using var sims = await IdentitiesSims.StartAsync();
        await using var server = await sims.StartServerAsync();
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/identities"));
        await Assertions.Expect(page.GetByTestId("match-group")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("provision-summary")).ToContainTextAsync("Preview: nothing was written.");
        await Assertions.Expect(page.Locator("[data-testid='provision-row'][data-identity='alice']")).ToContainTextAsync("created");
        await Assertions.Expect(page.Locator("[data-testid='provision-row'][data-identity='bob']")).ToContainTextAsync("created");
        await Assertions.Expect(page.Locator("[data-testid='provision-row'][data-identity='bob']")).ToContainTextAsync("protected by a PIN");
        Assert.False(Directory.Exists(Path.Combine(server.DataRoot, "config", "users")));
        await tab.ScreenshotAsync("identities-provision.desktop");

        await page.GetByLabel("PIN of bob on plex").FillAsync(IdentitiesSims.BobsPin);

        await page.GetByRole(AriaRole.Button, new() { Name = "Provision", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("provision-summary")).ToContainTextAsync("Provisioned.");
        await Assertions.Expect(page.Locator("[data-testid='identity-row'][data-identity='alice']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='identity-row'][data-identity='bob']")).ToBeVisibleAsync();
        var files = server.App.Services.GetRequiredService<IdentityFiles>();
        Assert.Equal(["main", "alice", "bob"], files.List());
        var alice = await files.LoadAsync("alice", Ct);
        Assert.Equal(sims.Jellyfin.UserIdOf("alice"), alice.Single(b => b.Name == "jf").User);
        var bobsPlex = (await files.LoadAsync("bob", Ct)).Single(b => b.Name == "plex");
        Assert.Equal(sims.Plex.AccountIdOf("bob").ToString(System.Globalization.CultureInfo.InvariantCulture), bobsPlex.User);
        await Assertions.Expect(page.Locator("[data-testid='provision-row'][data-identity='bob']")).Not.ToContainTextAsync("protected by a PIN");
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Browsing_the_history_as_alice_shows_her_state_and_keeps_her_in_every_link()
    {
        await using var sims = await IdentitiesSims.StartAsync();
        await using var server = await sims.StartServerAsync();
        await IdentitiesSims.ImportAsync(server, IdentityFiles.Main);
        await sims.AddAliceAsync(server);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;

        await page.GotoAsync(server.Url("/history?sort=title"));
        var rows = page.GetByTestId("history-row");
        await Assertions.Expect(rows).ToHaveCountAsync(IdentitiesSims.ItemCount);
        await Assertions.Expect(rows.Filter(new() { HasText = "Heat" })).ToContainTextAsync("watched");
        await Assertions.Expect(rows.Filter(new() { HasText = "The Matrix" })).ToContainTextAsync("not watched");

        await page.GetByLabel("Identity").SelectOptionAsync("alice");
        await Assertions.Expect(page).ToHaveURLAsync(AsAlice());
        await Assertions.Expect(rows.Filter(new() { HasText = "The Matrix" })).Not.ToContainTextAsync("not watched");
        await Assertions.Expect(rows.Filter(new() { HasText = "Heat" })).ToContainTextAsync("not watched");
        await Assertions.Expect(rows.Filter(new() { HasText = "Inception" })).ToContainTextAsync("not watched");

        await page.GetByLabel("Watched", new() { Exact = true }).SelectOptionAsync("yes");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveURLAsync(AsAlice());
        await page.GetByRole(AriaRole.Link, new() { Name = "The Matrix" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AsAlice());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "← History of alice" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unplayed" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-state")).ToContainTextAsync("not watched");

        await page.GetByRole(AriaRole.Link, new() { Name = "← History of alice" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Identity")).ToHaveValueAsync("alice");
        await Assertions.Expect(rows.Filter(new() { HasText = "The Matrix" })).ToContainTextAsync("not watched");
        Assert.Empty(tab.ConsoleErrors);

        // Last: the page of an unknown identity is a 404, which the browser reports as a console error.
        await page.GotoAsync(server.Url("/history?identity=nobody"));
        await Assertions.Expect(page.GetByTestId("history-unknown-identity")).ToContainTextAsync("main, alice");
    }

    [Fact]
    public async Task Removing_an_identity_asks_first_and_main_cannot_be_removed()
    {
        await using var sims = await IdentitiesSims.StartAsync();
        await using var server = await sims.StartServerAsync();
        await sims.AddAliceAsync(server);
        await using var tab = await server.OpenLoggedInAsync(browser.Browser);
        var page = tab.Page;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync(server.Url("/identities"));
        var rows = page.GetByTestId("identity-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove alice" }).ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        Assert.False(Directory.Exists(Path.Combine(server.DataRoot, "config", "users", "alice")));
        await page.GotoAsync(server.Url("/history"));
        await Assertions.Expect(page.GetByTestId("identity-picker")).ToHaveCountAsync(0);
        Assert.Empty(tab.ConsoleErrors);
    }

    [GeneratedRegex(@"[?&]identity=alice(&|$)")]
    private static partial Regex AsAlice();
}
