using System.Net;

namespace WatchState.Tests.Simulator.Plex;

/// <summary>The shared <see cref="WatchState.Simulator.SimulatorFaults"/> switches work on the Plex simulator too.</summary>
public sealed class PlexFaultTests
{
    [Fact]
    public async Task FailedRequestsAnswerTheStatusThenTheServerRecovers()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        sim.Faults.FailStatus = 503;
        sim.Faults.FailNextRequests = 1;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await client.SendAsync(HttpMethod.Get, "library/sections"));
        Assert.Equal(HttpStatusCode.OK, await client.SendAsync(HttpMethod.Get, "library/sections"));
        Assert.Equal(2, sim.RequestCount);
        Assert.Equal("GET /library/sections", sim.RequestLog[^1]);
    }

    [Fact]
    public async Task HeadProbeReportsTheTotalWithoutABody()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("library/sections/2/all?type=4", UriKind.Relative));
        request.Headers.Add("X-Plex-Container-Start", "0");
        request.Headers.Add("X-Plex-Container-Size", "1000");
        using var response = await client.SendAsync(request, PlexSim.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", response.Headers.GetValues("X-Plex-Container-Total-Size").Single());
        Assert.Equal("1.0", response.Headers.GetValues("X-Plex-Protocol").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(PlexSim.Ct));
    }

    [Fact]
    public async Task GarbageModeAnswersTruncatedJson()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        sim.Faults.Garbage = true;
        sim.Faults.GarbageBody = "{\"MediaContainer\":{\"Meta";
        using var response = await client.GetAsync(new Uri("library/sections", UriKind.Relative), PlexSim.Ct);
        Assert.Equal("{\"MediaContainer\":{\"Meta", await response.Content.ReadAsStringAsync(PlexSim.Ct));
    }
}
