using System.Net;
using System.Text;
using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator;

/// <summary>Which token forms each flavour and version accepts (BACKEND-APIS 3.1, 4; jellyfin-real/_index.json).</summary>
public sealed class AuthTests
{
    public static TheoryData<string, string, string, bool> Cases() => new()
    {
        // flavor, version, form, accepted
        { "Jellyfin", "12.0.0", "mediabrowser", true },
        { "Jellyfin", "12.0.0", "apikey-query", true },
        { "Jellyfin", "12.0.0", "x-emby-token", false },
        { "Jellyfin", "12.0.0", "x-mediabrowser-token", false },
        { "Jellyfin", "12.0.0", "api_key-query", false },
        { "Jellyfin", "12.0.0", "emby-scheme", false },
        { "Jellyfin", "12.0.0", "x-emby-authorization", false },
        { "Jellyfin", "10.11.8", "mediabrowser", true },
        { "Jellyfin", "10.11.8", "apikey-query", true },
        { "Jellyfin", "10.11.8", "x-emby-token", true },
        { "Jellyfin", "10.11.8", "x-mediabrowser-token", true },
        { "Jellyfin", "10.11.8", "api_key-query", true },
        { "Jellyfin", "10.11.8", "emby-scheme", true },
        { "Jellyfin", "10.11.8", "x-emby-authorization", true },
        { "Emby", "4.8.10.0", "mediabrowser", true },
        { "Emby", "4.8.10.0", "emby-scheme", true },
        { "Emby", "4.8.10.0", "x-emby-authorization", true },
        { "Emby", "4.8.10.0", "x-emby-token", true },
        { "Emby", "4.8.10.0", "api_key-query", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Token_forms_are_accepted_or_refused_per_server(string flavor, string version, string form, bool accepted)
    {
        await using var sim = await Sim.StartAsync(flavor: Enum.Parse<MediaBrowserFlavor>(flavor), version: version);
        using var client = Sim.Anonymous(sim);

        using var request = Request(form, sim.ApiKey);
        using var response = await client.SendAsync(request, Sim.Ct);

        Assert.Equal(accepted ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
        if (!accepted)
        {
            Assert.Empty(await response.Content.ReadAsByteArrayAsync(Sim.Ct));
        }
    }

    [Theory]
    [InlineData("Jellyfin")]
    [InlineData("Emby")]
    public async Task Missing_or_wrong_tokens_get_401_but_public_info_needs_none(string flavor)
    {
        await using var sim = await Sim.StartAsync(flavor: Enum.Parse<MediaBrowserFlavor>(flavor));
        using var anonymous = Sim.Anonymous(sim);

        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.StatusAsync("System/Info"));
        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.StatusAsync("System/Info?ApiKey=wrong&api_key=wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.StatusAsync($"Users/{sim.AdminUserId}/Items"));
        Assert.Equal(HttpStatusCode.OK, await anonymous.StatusAsync("System/Info/Public"));
        Assert.Equal(flavor == "Emby" ? "\"Emby Server\"" : "\"Jellyfin Server\"", await anonymous.TextAsync("System/Ping"));
    }

    [Fact]
    public async Task Legacy_forms_can_be_switched_on_for_jellyfin_12()
    {
        await using var sim = await Sim.StartAsync(version: "12.0.0", legacy: true);

        using var request = Request("x-emby-token", sim.ApiKey);
        using var response = await Sim.Anonymous(sim).SendAsync(request, Sim.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_user_token_reads_its_own_data_but_not_another_users()
    {
        await using var sim = await Sim.StartAsync(version: "12.0.0");
        using var anonymous = Sim.Anonymous(sim);
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("Users/AuthenticateByName", UriKind.Relative))
        {
            Content = new StringContent("""{"Username":"alice","Pw":"alicepass"}""", Encoding.UTF8, "application/json"),
        };
        login.Headers.TryAddWithoutValidation("Authorization", "MediaBrowser Client=\"t\", Device=\"t\", DeviceId=\"2\", Version=\"1\"");
        using var loginResponse = await anonymous.SendAsync(login, Sim.Ct);
        Assert.Equal(HttpStatusCode.OK, loginResponse.StatusCode);
        using var body = JsonDocument.Parse(await loginResponse.Content.ReadAsStringAsync(Sim.Ct));
        Assert.Equal(["User", "SessionInfo", "AccessToken", "ServerId"], JsonShape.Names(body.RootElement));
        var token = body.RootElement.GetProperty("AccessToken").GetString();
        using var alice = Sim.Anonymous(sim);
        alice.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"MediaBrowser Token=\"{token}\"");
        var matrix = sim.ItemIdOf("The Matrix");

        var me = await alice.GetJsonAsync("Users/Me");
        var own = await alice.StatusAsync($"Users/{sim.UserIdOf("alice")}/Items/{matrix}/UserData");
        using var other = await alice.GetAsync(new Uri($"Users/{sim.AdminUserId}/Items/{matrix}/UserData", UriKind.Relative), Sim.Ct);

        Assert.Equal("alice", me.GetProperty("Name").GetString());
        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(Fixtures.Read("jellyfin-real/41-alice-token-reads-admin-userdata.json"), await other.Content.ReadAsStringAsync(Sim.Ct));
        Assert.Equal(HttpStatusCode.Forbidden, await alice.StatusAsync("Users"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        using var content = new StringContent("""{"Username":"alice","Pw":"nope"}""", Encoding.UTF8, "application/json");

        using var response = await Sim.Anonymous(sim).PostAsync(new Uri("Users/AuthenticateByName", UriKind.Relative), content, Sim.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HttpRequestMessage Request(string form, string key)
    {
        var url = form switch
        {
            "apikey-query" => "System/Info?ApiKey=" + key,
            "api_key-query" => "System/Info?api_key=" + key,
            _ => "System/Info",
        };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        var parameters = $"Client=\"t\", Device=\"t\", DeviceId=\"1\", Version=\"1\", Token=\"{key}\"";
        switch (form)
        {
            case "mediabrowser":
                request.Headers.TryAddWithoutValidation("Authorization", "MediaBrowser " + parameters);
                break;
            case "emby-scheme":
                request.Headers.TryAddWithoutValidation("Authorization", "Emby UserId=\"x\", " + parameters);
                break;
            case "x-emby-authorization":
                request.Headers.TryAddWithoutValidation("X-Emby-Authorization", "MediaBrowser " + parameters);
                break;
            case "x-emby-token":
                request.Headers.TryAddWithoutValidation("X-Emby-Token", key);
                break;
            case "x-mediabrowser-token":
                request.Headers.TryAddWithoutValidation("X-MediaBrowser-Token", key);
                break;
            default:
                break;
        }

        return request;
    }
}
