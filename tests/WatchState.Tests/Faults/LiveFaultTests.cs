using Microsoft.Extensions.DependencyInjection;
using WatchState.Live;

namespace WatchState.Tests.Faults;

/// <summary>The running server's Jellyfin listener against a socket that fails: a clear status, the server stays up, it reconnects.</summary>
public sealed class LiveFaultTests
{
    [Theory]
    [InlineData("hang", "no answer from")]
    [InlineData("status-503", "HTTP 503")]
    [InlineData("reset", "cannot open the web socket")]
    public async Task A_failing_socket_is_reported_clearly_and_the_listener_reconnects_once_it_behaves(string fault, string message)
    {
        await using var serve = await FaultServe.StartAsync();
        var status = serve.App.Services.GetRequiredService<LiveStatus>();
        await serve.Jellyfin.CloseSocketsAsync(TestContext.Current.CancellationToken);
        serve.Jellyfin.Faults.Add(FaultCases.Rule(fault, "/socket"));

        Assert.True(await FaultServe.EventuallyAsync(() => Task.FromResult(status.Find("jf") is { Connected: false, Error: { } e } && e.Contains(message, StringComparison.Ordinal))));
        FaultCases.AssertClean(status.Find("jf")!.Error);
        Assert.True(await serve.HealthyAsync());

        serve.Jellyfin.Faults.Clear();
        Assert.True(await FaultServe.EventuallyAsync(() => Task.FromResult(status.Find("jf") is { Connected: true } && serve.Jellyfin.SocketCount == 1)));
    }
}
