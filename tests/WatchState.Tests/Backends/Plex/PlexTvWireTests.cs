using System.Text.Json;
using System.Xml.Linq;
using WatchState.Backends.Plex;

namespace WatchState.Tests.Backends.Plex;

/// <summary>plex.tv's recorded answers read the way the product reads them.</summary>
public class PlexTvWireTests
{
    [Fact]
    public void Shared_users_xml_gives_ids_names_and_the_uuid_hidden_in_the_avatar_url()
    {
        var users = PlexTvXml.Users(XElement.Parse(Fixtures.Read("plex/plextv-api-users.xml")));

        Assert.Equal([1000L, 1001L], users.Select(u => u.Id));
        Assert.Equal("User 1000", users[0].Name);
        Assert.Equal("0000000000000001", users[1].Uuid);
        Assert.All(users, u => Assert.False(u.Home));
        Assert.Equal(["unique_id_123"], users[0].Servers);
    }

    [Fact]
    public void Shared_servers_xml_gives_each_users_token_for_the_server()
    {
        var shares = PlexTvXml.Shares(XElement.Parse(Fixtures.Read("plex/plextv-shared-servers.xml")));

        Assert.Equal([(1000L, "shared-token-1000"), (1001L, "shared-token-1001")], shares.Select(s => (s.UserId, s.AccessToken)));
    }

    [Theory]
    [InlineData("https://plex.tv/users/a1b2c3d4e5f60718/avatar?c=1700000000", "a1b2c3d4e5f60718")]
    [InlineData("https://plex.tv/photo?url=x", null)]
    [InlineData(null, null)]
    public void The_uuid_is_read_from_the_avatar_url_only(string? thumb, string? uuid) =>
        Assert.Equal(uuid, PlexTvXml.UuidFromThumb(thumb));

    [Fact]
    public void Home_users_switch_answer_resources_and_errors_deserialise()
    {
        var home = JsonSerializer.Deserialize(Fixtures.Read("plex/plextv-home-users.json"), PlexTvJsonContext.Default.PlexTvHomeDto)!;
        var switched = JsonSerializer.Deserialize(Fixtures.Read("plex/plextv-home-user-switch.json"), PlexTvJsonContext.Default.PlexTvSwitchDto)!;
        var resources = JsonSerializer.Deserialize(
            Fixtures.Read("plex/plextv-resources.json"), PlexTvJsonContext.Default.IReadOnlyListPlexTvResourceDto)!;
        var error = JsonSerializer.Deserialize(
            Fixtures.Read("plex/plextv-home-user-switch-error.json"), PlexTvJsonContext.Default.PlexTvErrorsDto)!;

        Assert.Equal([(11111111L, true), (22222222L, false)], home.Users!.Select(u => (u.Id!.Value, u.Admin!.Value)));
        Assert.Equal("b2c3d4e5f6071829", home.Users![1].Uuid);
        Assert.Equal("temp-switch-token-kid", switched.AuthToken);
        var server = Assert.Single(resources, r => r.Provides == "server");
        Assert.Equal(("7d5f0c6b9e2a4c1f8b3e6a9d2c5f8e1b4a7d0c3f", "per-user-server-token-kid", false), (server.ClientIdentifier, server.AccessToken, server.Owned));
        Assert.Equal("A valid PIN is required to perform this action", error.Errors![0].Message);
    }

    [Fact]
    public async Task Xml_that_is_not_a_media_container_is_refused()
    {
        using var stream = new MemoryStream("<html><body>nope</body></html>"u8.ToArray());

        await Assert.ThrowsAsync<System.Xml.XmlException>(() => PlexTvXml.LoadAsync(stream, TestContext.Current.CancellationToken));
    }
}
