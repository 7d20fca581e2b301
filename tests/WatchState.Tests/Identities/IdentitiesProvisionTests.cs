using System.Text.Json;
using WatchState.Backends.Plex;

namespace WatchState.Tests.Identities;

/// <summary><c>identities:provision</c> against three real simulated servers and plex.tv.</summary>
public sealed class IdentitiesProvisionTests
{
    private static CancellationToken Ct => Household.Ct;

    [Fact]
    public async Task Each_person_gets_a_servers_file_with_their_own_user_id_and_token_on_every_server_they_use()
    {
        await using var h = await Household.StartAsync();
        var mainBefore = await File.ReadAllTextAsync(h.Cli.Data.Paths.ServersFile, Ct);

        var report = await h.ProvisionAsync("--pin", $"plex:bob={Household.BobsPin}");

        Assert.Equal("unchanged", report["main"].Change);
        Assert.Equal(["jf:alice", "plex:ally", "emby:alice"], report["alice"].Members.Select(m => m.Member));
        Assert.Equal("created", report["alice"].Change);
        Assert.Equal("created", report["bob"].Change);
        Assert.Equal(["jf:carol", "emby:carol"], report["carol"].Members.Select(m => m.Member));
        Assert.All(report.Values.SelectMany(i => i.Members), m => Assert.Null(m.Problem));
        Assert.Equal(mainBefore, await File.ReadAllTextAsync(h.Cli.Data.Paths.ServersFile, Ct));

        var alice = await h.BackendsOfAsync("alice");
        Assert.Equal(["jf", "emby", "plex"], alice.Keys);
        Assert.Equal((h.Jellyfin.UserIdOf("alice"), h.Jellyfin.ApiKey), (alice["jf"].User, alice["jf"].Token));
        Assert.Equal((h.Emby.UserIdOf("alice"), h.Emby.ApiKey), (alice["emby"].User, alice["emby"].Token));
        Assert.Equal("200", alice["emby"].Options["LIBRARY_SEGMENT"]);
        Assert.Equal((h.Plex.BaseUrl, h.Plex.MachineIdentifier, false), (alice["plex"].Url, alice["plex"].Uuid, alice["plex"].ExportEnabled));
        Assert.Equal(h.PlexIdOf("ally"), alice["plex"].User);
        Assert.Equal(h.Plex.AdminToken, alice["plex"].Options[PlexOptions.AdminToken]);

        // The token plex.tv handed out is ally's own: the server shows ally's resume position with it.
        Assert.NotEqual(h.Plex.AdminToken, alice["plex"].Token);
        Assert.Equal((long)TimeSpan.FromMinutes(20).TotalMilliseconds, await h.PlexViewOffsetAsync(alice["plex"].Token));
        Assert.Equal(0, await h.PlexViewOffsetAsync(h.Plex.AdminToken));

        var bob = await h.BackendsOfAsync("bob");
        Assert.Equal((h.PlexIdOf("bob"), h.Plex.TokenOf("bob")), (bob["plex"].User, bob["plex"].Token));
        Assert.Equal(Household.BobsPin, bob["plex"].Options[PlexOptions.UserPin]);
        var carol = await h.BackendsOfAsync("carol");
        Assert.Equal(["jf", "emby"], carol.Keys);
        Assert.Equal(h.Emby.UserIdOf("carol"), carol["emby"].User);
    }

    [Fact]
    public async Task A_protected_profile_without_its_pin_is_left_out_and_said_so_a_wrong_pin_is_reported_and_the_right_one_gives_access()
    {
        await using var h = await Household.StartAsync();

        var text = await h.RunAsync(0, "identities:provision");
        var withoutPin = await h.ProvisionAsync();
        var wrong = await h.ProvisionAsync("--pin", "plex:bob=9999");
        var bobBefore = await h.BackendsOfAsync("bob");
        var right = await h.ProvisionAsync("--pin", $"PLEX:Bob={Household.BobsPin}");
        var again = await h.ProvisionAsync();

        Assert.Contains("got no access", text.Error, StringComparison.Ordinal);
        Assert.Contains("--pin plex:bob=PIN", text.Out, StringComparison.Ordinal);
        var (member, problem) = Assert.Single(withoutPin["bob"].Members, m => m.Problem is not null);
        Assert.Equal("plex:bob", member);
        Assert.Contains("PIN", problem, StringComparison.Ordinal);
        Assert.Equal("unchanged", withoutPin["bob"].Change);
        Assert.Equal(["jf", "emby"], bobBefore.Keys);
        Assert.Contains("wrong PIN", Assert.Single(wrong["bob"].Members, m => m.Problem is not null).Problem, StringComparison.Ordinal);
        Assert.Contains(h.PlexTv.RequestLog, l => l.Contains("/switch?pin=9999", StringComparison.Ordinal));

        Assert.Equal("updated", right["bob"].Change);
        Assert.All(right["bob"].Members, m => Assert.Null(m.Problem));
        Assert.Equal(h.Plex.TokenOf("bob"), (await h.BackendsOfAsync("bob"))["plex"].Token);

        // The PIN is kept in bob's file, so a later run refreshes his token without being told it again.
        Assert.Equal("unchanged", again["bob"].Change);
        Assert.All(again["bob"].Members, m => Assert.Null(m.Problem));
        Assert.Equal(2, h.PlexTv.RequestLog.Count(l => l.Contains($"/switch?pin={Household.BobsPin}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_requests_no_token_and_still_reports_the_missing_pin()
    {
        await using var h = await Household.StartAsync();

        var report = await h.ProvisionAsync("--dry-run");
        var text = await h.RunAsync(0, "identities:provision", "--dry-run", "--pin", $"plex:bob={Household.BobsPin}");

        Assert.Equal("created", report["alice"].Change);
        Assert.Contains("PIN", Assert.Single(report["bob"].Members, m => m.Problem is not null).Problem, StringComparison.Ordinal);
        Assert.Contains("would create config/users/alice/servers.yaml", text.Out, StringComparison.Ordinal);
        Assert.Contains("nothing was written", text.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(h.Cli.Data.Paths.ConfigDir, "users")));
        Assert.DoesNotContain(h.PlexTv.RequestLog, l => l.StartsWith("POST", StringComparison.Ordinal));
        Assert.DoesNotContain(h.PlexTv.RequestLog, l => l.Contains("shared_servers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_run_changes_nothing_and_a_new_user_on_a_server_updates_that_identity()
    {
        await using var h = await Household.StartAsync();
        var pin = $"plex:bob={Household.BobsPin}";
        await h.ProvisionAsync("--pin", pin);
        var written = File.GetLastWriteTimeUtc(h.ServersPath("alice"));

        var second = await h.ProvisionAsync("--pin", pin);
        _ = h.Plex.TokenOf("carol");
        var third = await h.ProvisionAsync();
        var stale = await h.ProvisionAsync();

        Assert.All(second.Values, i => Assert.Equal("unchanged", i.Change));
        Assert.Equal(written, File.GetLastWriteTimeUtc(h.ServersPath("alice")));
        Assert.Equal("updated", third["carol"].Change);
        Assert.Equal(["emby:carol", "jf:carol", "plex:carol"], third["carol"].Members.Select(m => m.Member).Order(StringComparer.Ordinal));
        Assert.Equal(h.Plex.TokenOf("carol"), (await h.BackendsOfAsync("carol"))["plex"].Token);
        Assert.Equal(("unchanged", "unchanged"), (third["alice"].Change, third["bob"].Change));
        Assert.All(stale.Values, i => Assert.Equal("unchanged", i.Change));
    }

    [Fact]
    public async Task An_identity_no_longer_proposed_is_left_alone_with_a_note()
    {
        await using var h = await Household.StartAsync();
        await h.ProvisionAsync("--pin", $"plex:bob={Household.BobsPin}");
        var file = h.ServersPath("alice");
        var before = await File.ReadAllTextAsync(file, Ct);

        // alice is now mapped under another name, so "alice" is no longer proposed.
        await File.WriteAllTextAsync(Path.Combine(h.Cli.Data.Paths.ConfigDir, "mapper.yaml"), "map:\n  - { plex: ally, jf: alice, emby: alice }\n", Ct);
        var result = await h.RunAsync(0, "identities:provision", "-o", "json", "--dry-run");

        Assert.Equal(before, await File.ReadAllTextAsync(file, Ct));
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Contains(root.GetProperty("identities").EnumerateArray(), i => i.GetProperty("name").GetString() == "ally");
        Assert.Contains(
            root.GetProperty("notes").EnumerateArray(),
            n => n.GetString()!.Contains("'alice' (config/users/alice/servers.yaml) is no longer proposed", StringComparison.Ordinal));
    }
}
