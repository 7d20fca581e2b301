using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using WatchState.Configuration;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Identities;

/// <summary>
/// The issue's household on three servers: alice, bob and carol on Jellyfin and Emby; on Plex alice is "ally" and
/// carol has no account; bob's Plex Home profile is protected by PIN 1234. Each server's admin is the main identity.
/// </summary>
internal sealed class Household : IAsyncDisposable
{
    public const string BobsPin = "1234";

    // Jellyfin and Emby always have "admin" and "alice"; the other users come from the play state.
    private const string MediaBrowserLibrary = """movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m @bob:played @carol:played""";
    private const string PlexLibrary = """movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m @ally:progress=20m @bob:played""";

    private Household(MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby, PlexSimulator plex, PlexTvSimulator plexTv)
    {
        (Jellyfin, Emby, Plex, PlexTv) = (jellyfin, emby, plex, plexTv);
        Cli.Environment["WS_PLEXTV_URL"] = plexTv.BaseUrl.ToString();
        Cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {jellyfin.BaseUrl}
              token: {jellyfin.ApiKey}
              uuid: {jellyfin.ServerId}
              user: {jellyfin.AdminUserId}
            emby:
              type: emby
              url: {emby.BaseUrl}
              token: {emby.ApiKey}
              uuid: {emby.ServerId}
              user: {emby.AdminUserId}
              options:
                LIBRARY_SEGMENT: 200
            plex:
              type: plex
              url: {plex.BaseUrl}
              token: {plex.AdminToken}
              uuid: {plex.MachineIdentifier}
              export:
                enabled: false

            """);

        // The one line that tells the matcher Plex's "ally" is alice.
        File.WriteAllText(Path.Combine(Cli.Data.Paths.ConfigDir, "mapper.yaml"), "map:\n  - { jf: alice, plex: ally }\n");
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public PlexSimulator Plex { get; }

    public PlexTvSimulator PlexTv { get; }

    public CliRunner Cli { get; } = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Household> StartAsync()
    {
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(MediaBrowserLibrary) }, Ct);
        var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(MediaBrowserLibrary) }, Ct);
        var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(PlexLibrary) }, Ct);
        var plexTv = await PlexTvSimulator.StartAsync(
            plex, new PlexTvSimulatorOptions { Pins = new Dictionary<string, string> { ["bob"] = BobsPin } }, Ct);
        return new Household(jellyfin, emby, plex, plexTv);
    }

    public string ServersPath(string identity) => Path.Combine(Cli.Data.Paths.ConfigDir, "users", identity, "servers.yaml");

    /// <summary>An identity's backends by name, as written.</summary>
    public async Task<Dictionary<string, BackendConfig>> BackendsOfAsync(string identity) =>
        (await ServersFile.LoadAsync(ServersPath(identity), identity, Ct)).ToDictionary(b => b.Name);

    public async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, $"{string.Join(' ', args)}: {result}");
        return result;
    }

    /// <summary><c>identities:provision -o json</c> with extra arguments: the change and the members of each identity.</summary>
    public async Task<Dictionary<string, (string Change, List<(string Member, string? Problem)> Members)>> ProvisionAsync(params string[] args)
    {
        var result = await RunAsync(0, ["identities:provision", "-o", "json", .. args]);
        return JsonDocument.Parse(result.Out).RootElement.GetProperty("identities").EnumerateArray().ToDictionary(
            i => i.GetProperty("name").GetString()!,
            i => (i.GetProperty("change").GetString()!, i.GetProperty("members").EnumerateArray()
                .Select(m => ($"{m.GetProperty("backend").GetString()}:{m.GetProperty("userName").GetString()}", m.GetProperty("problem").GetString()))
                .ToList()));
    }

    /// <summary>The resume position Plex shows for The Matrix to whoever <paramref name="token"/> belongs to.</summary>
    public async Task<long> PlexViewOffsetAsync(string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Plex.BaseUrl, "library/metadata/" + Plex.RatingKeyOf("The Matrix")));
        request.Headers.Add("X-Plex-Token", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var item = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("MediaContainer").GetProperty("Metadata")[0];
        return item.TryGetProperty("viewOffset", out var offset) ? offset.GetInt64() : 0;
    }

    public string PlexIdOf(string name) => Plex.AccountIdOf(name).ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Cli.Dispose();
        await PlexTv.DisposeAsync();
        await Plex.DisposeAsync();
        await Jellyfin.DisposeAsync();
        await Emby.DisposeAsync();
    }
}
