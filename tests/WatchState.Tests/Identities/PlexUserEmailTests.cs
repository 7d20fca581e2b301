using System.Text.Json;
using System.Xml.Linq;
using WatchState.Backends.Plex;
using WatchState.Simulator;
using WatchState.Tests.Backends.Plex;

namespace WatchState.Tests.Identities;

/// <summary>plex.tv gives account e-mails; matching uses them, so listing users must carry them.</summary>
public sealed class PlexUserEmailTests
{
    [Fact]
    public void Home_users_json_and_shared_users_xml_carry_the_account_email()
    {
        var home = JsonSerializer.Deserialize(Fixtures.Read("plex/plextv-home-users.json"), PlexTvJsonContext.Default.PlexTvHomeDto)!;
        var shared = PlexTvXml.Users(XElement.Parse(Fixtures.Read("plex/plextv-api-users.xml")));

        Assert.Equal(["owner@example.com", null], home.Users!.Select(u => u.Email));
        Assert.Equal(["user_1000@email.com", "user_1001@email.com"], shared.Select(u => u.Email));
    }

    [Fact]
    public async Task Listing_users_fills_emails_from_plex_tv_and_leaves_managed_profiles_without_one()
    {
        await using var h = await PlexHarness.StartAsync(
            """movie "The Matrix" 1999 imdb=tt0133093 @alice:played @bob:played @kid:played""",
            plexTv: new PlexTvSimulatorOptions
            {
                SharedUsers = ["bob"],
                Emails = new Dictionary<string, string> { ["admin"] = "owner@example.com", ["alice"] = " Alice@Example.com ", ["bob"] = "bob@example.org" },
            });

        var users = await h.Client().GetUsersAsync(PlexHarness.Ct);

        var emails = users.ToDictionary(u => u.Name, u => u.Email);
        Assert.Equal("owner@example.com", emails["admin"]);
        Assert.Equal("Alice@Example.com", emails["alice"]);
        Assert.Equal("bob@example.org", emails["bob"]);
        Assert.Null(emails["kid"]);
    }
}
