using Microsoft.Extensions.DependencyInjection;
using WatchState.Live;
using WatchState.Simulator;
using WatchState.Storage;

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

    [Theory]
    [InlineData(FaultKind.Status)]
    [InlineData(FaultKind.Reset)]
    [InlineData(FaultKind.Hang)]
    public async Task A_change_whose_item_read_fails_is_read_again_and_reaches_the_database_and_the_other_server(FaultKind kind)
    {
        await using var serve = await FaultServe.StartAsync();
        var status = serve.App.Services.GetRequiredService<LiveStatus>();
        Assert.True(await FaultServe.EventuallyAsync(() => Task.FromResult(status.Find("jf") is { Connected: true } && serve.Jellyfin.SocketCount == 1)));
        var connectedSince = status.Find("jf")!.Since;

        // Every attempt of one read fails (the HTTP retries included); the server behaves again afterwards.
        var rule = serve.Jellyfin.Faults.Add(new FaultRule(kind, "/Users/*/Items") { Query = "Ids=", Times = FaultCases.Attempts });
        serve.Jellyfin.MarkPlayed(serve.Jellyfin.AdminUserId, serve.Jellyfin.ItemIdOf("Inception"), new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero));

        Assert.True(await FaultServe.EventuallyAsync(() => Task.FromResult(FaultServe.Played(serve.Emby, "Inception"))), "the change never reached Emby");
        Assert.Equal(FaultCases.Attempts, rule.Hits);
        var items = await serve.App.Services.GetRequiredService<HistoryQueries>().ListAsync(new ItemFilter { Title = "Inception", Limit = 0 }, TestContext.Current.CancellationToken);
        Assert.True(Assert.Single(items).Item.Watched);
        Assert.False(FaultServe.Played(serve.Emby, "Heat"));

        // The failed read did not cost the connection.
        Assert.Equal(connectedSince, status.Find("jf")!.Since);
        Assert.True(status.Find("jf")!.Connected);
    }
}
