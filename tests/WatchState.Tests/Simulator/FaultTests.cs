using System.Net;
using System.Text.Json;

namespace WatchState.Tests.Simulator;

/// <summary>Injected misbehaviour: failing, garbage and unreachable servers, and request accounting.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Failing_requests_answer_the_fault_status_then_recover()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        sim.Faults.FailNextRequests = 2;

        var first = await client.StatusAsync("System/Info");
        sim.Faults.FailStatus = 500;
        var second = await client.StatusAsync("System/Info");
        var third = await client.StatusAsync("System/Info");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first);
        Assert.Equal(HttpStatusCode.InternalServerError, second);
        Assert.Equal(HttpStatusCode.OK, third);
        Assert.Equal(0, sim.Faults.FailNextRequests);
    }

    [Fact]
    public async Task Garbage_is_a_200_that_does_not_parse()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        sim.Faults.Garbage = true;

        var body = await client.TextAsync($"Users/{sim.AdminUserId}/Items");

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        sim.Faults.Garbage = false;
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("System/Info"));
    }

    [Fact]
    public async Task A_down_server_drops_the_connection()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        sim.Faults.Down = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("System/Info", UriKind.Relative), Sim.Ct));
        sim.Faults.Down = false;
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("System/Info"));
    }

    [Fact]
    public async Task Delay_holds_the_answer_back_without_changing_it()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        sim.Faults.Delay = TimeSpan.FromMilliseconds(50);

        var info = await client.GetJsonAsync("System/Info");

        Assert.Equal(sim.ServerId, info.GetProperty("Id").GetString());
        Assert.Equal(TimeSpan.FromMilliseconds(50), sim.Faults.Delay);
    }

    [Fact]
    public async Task Requests_are_counted_and_logged_with_their_query()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        await client.StatusAsync("System/Info");
        await client.StatusAsync($"Users/{sim.AdminUserId}/Items?Recursive=true");

        Assert.Equal(2, sim.RequestCount);
        Assert.Equal(["GET /System/Info", $"GET /Users/{sim.AdminUserId}/Items?Recursive=true"], sim.RequestLog);
    }
}
