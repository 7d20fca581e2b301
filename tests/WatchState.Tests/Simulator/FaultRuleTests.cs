using System.Net;
using System.Text.Json;
using WatchState.Simulator;
using WatchState.Tests.Simulator.Plex;

namespace WatchState.Tests.Simulator;

/// <summary>Per-path fault rules: only the matching path misbehaves, counted, and recovers after its count.</summary>
public sealed class FaultRuleTests
{
    private static string Items(MediaBrowserSimulator sim, int start) => $"Users/{sim.AdminUserId}/Items?Recursive=true&IncludeItemTypes=Movie,Episode&Limit=2&StartIndex={start}";

    [Fact]
    public async Task A_status_rule_fails_only_its_path_for_its_count_and_counts_what_it_played()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        var rule = sim.Faults.Add(new FaultRule(FaultKind.Status, "/Users/*/Items") { StatusCode = 500, Times = 2 });

        var info = await client.StatusAsync("System/Info");
        var first = await client.StatusAsync(Items(sim, 0));
        var second = await client.StatusAsync(Items(sim, 0));
        var third = await client.StatusAsync(Items(sim, 0));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK],
            [info, first, second, third]);
        Assert.Equal((3, 2), (rule.Matched, rule.Hits));
    }

    [Fact]
    public async Task Skip_method_and_query_narrow_a_rule_to_one_request()
    {
        await using var sim = await Sim.StartAsync(flavor: MediaBrowserFlavor.Emby);
        using var client = Sim.Client(sim);
        sim.Faults.Add(new FaultRule(FaultKind.Status, "/Users/*/Items") { Method = "POST" });
        var page2 = sim.Faults.Add(new FaultRule(FaultKind.Status, "/users/*/items") { Query = "StartIndex=2", Skip = 1, StatusCode = 502 });

        // Emby also answers under /emby: rules name the API path without it.
        var firstTry = await client.StatusAsync("emby/" + Items(sim, 2));
        var secondTry = await client.StatusAsync("emby/" + Items(sim, 2));
        var otherPage = await client.StatusAsync(Items(sim, 0));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.OK], [firstTry, secondTry, otherPage]);
        Assert.Equal(1, page2.Hits);
    }

    [Theory]
    [InlineData(FaultKind.TruncatedJson)]
    [InlineData(FaultKind.InvalidJson)]
    public async Task Damaged_bodies_are_200_and_do_not_parse(FaultKind kind)
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        sim.Faults.Add(kind, "/Users/*/Items", times: 1);

        var damaged = await client.TextAsync(Items(sim, 0));
        var clean = await client.GetJsonAsync(Items(sim, 0));

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(damaged));
        Assert.Equal(2, clean.Items().Count());
    }

    [Fact]
    public async Task Xml_instead_of_json_says_so_in_its_content_type()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        sim.Faults.Add(FaultKind.XmlInsteadOfJson, "/library/sections");

        using var response = await client.GetAsync(new Uri("library/sections", UriKind.Relative), PlexSim.Ct);

        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<?xml", await response.Content.ReadAsStringAsync(PlexSim.Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_total_moves_the_count_and_keeps_the_items()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        var honest = await client.GetJsonAsync(Items(sim, 0));
        sim.Faults.Add(new FaultRule(FaultKind.WrongTotalCount, "/Users/*/Items") { Offset = -3 });

        var wrong = await client.GetJsonAsync(Items(sim, 0));

        Assert.Equal(honest.GetProperty("TotalRecordCount").GetInt32() - 3, wrong.GetProperty("TotalRecordCount").GetInt32());
        Assert.Equal(honest.Items().Select(i => i.GetProperty("Id").GetString()), wrong.Items().Select(i => i.GetProperty("Id").GetString()));
    }

    [Fact]
    public async Task A_plex_wrong_total_moves_both_the_header_and_the_container()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        sim.Faults.Add(new FaultRule(FaultKind.WrongTotalCount, "/library/sections/*/all") { Offset = 10 });

        using var response = await client.GetAsync(new Uri("library/sections/2/all?type=4&X-Plex-Container-Start=0&X-Plex-Container-Size=1", UriKind.Relative), PlexSim.Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(PlexSim.Ct));

        Assert.Equal("13", response.Headers.GetValues("X-Plex-Container-Total-Size").Single());
        Assert.Equal(13, body.RootElement.GetProperty("MediaContainer").GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task A_changing_listing_serves_later_pages_from_further_on_and_leaves_the_first_alone()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        var all = (await client.GetJsonAsync(Items(sim, 0).Replace("Limit=2", "Limit=10", StringComparison.Ordinal))).Items().Select(i => i.GetProperty("Id").GetString()).ToList();
        var rule = sim.Faults.Add(new FaultRule(FaultKind.PageChanges, "/Users/*/Items") { Offset = 1 });

        var first = await client.GetJsonAsync(Items(sim, 0));
        var second = await client.GetJsonAsync(Items(sim, 2));

        Assert.Equal(all.Take(2), first.Items().Select(i => i.GetProperty("Id").GetString()));
        Assert.Equal(all.Skip(3).Take(2), second.Items().Select(i => i.GetProperty("Id").GetString()));
        Assert.Equal(all.Count - 1, second.GetProperty("TotalRecordCount").GetInt32());
        Assert.Equal(1, rule.Hits);
    }

    [Theory]
    [InlineData(FaultKind.Reset)]
    [InlineData(FaultKind.Hang)]
    public async Task Reset_and_hang_give_no_answer(FaultKind kind)
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        client.Timeout = TimeSpan.FromMilliseconds(300);
        sim.Faults.Add(kind, "/System/Info", times: 1);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("System/Info", UriKind.Relative), Sim.Ct));

        Assert.True(failure is HttpRequestException or TaskCanceledException, failure.ToString());
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("System/Info"));
    }

    [Fact]
    public async Task Clear_removes_every_rule_and_switch()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        sim.Faults.Add(FaultKind.Status, "/");
        sim.Faults.Garbage = true;

        sim.Faults.Clear();

        Assert.Empty(sim.Faults.Rules);
        Assert.Equal(HttpStatusCode.OK, await client.SendAsync(HttpMethod.Get, "library/sections"));
    }
}
