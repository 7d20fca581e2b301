using Microsoft.Extensions.DependencyInjection;
using WatchState.Live;
using WatchState.Storage;
using WatchState.Tests.Webhooks;

namespace WatchState.Tests.Live;

/// <summary>
/// One web socket per server, opened with the admin's API key, serves every identity: a change of Alice's
/// lands in Alice's identity only, and a change of a user in no identity is not stored at all.
/// </summary>
public class LiveIdentityRoutingTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Alices_change_on_the_jellyfin_socket_lands_in_alices_identity_only()
    {
        await using var house = await Household.StartAsync();
        var services = house.Harness.Services;
        var status = services.GetRequiredService<LiveStatus>();
        var inbox = services.GetRequiredService<InboxStore>();
        var service = ActivatorUtilities.CreateInstance<LiveListenerService>(services);
        var episode = house.Jellyfin.ItemIdOf(Household.Episode);
        var before = await house.SnapshotAsync();
        await service.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await UntilAsync(() => Task.FromResult(status.Find("jf") is { Connected: true }));
            Assert.Equal(1, house.Jellyfin.SocketCount);

            // A user in no identity first: nothing of theirs may be stored or applied.
            house.Jellyfin.MarkPlayed(house.Jellyfin.UserIdOf("carol"), episode, DateTimeOffset.UtcNow);
            house.Jellyfin.MarkPlayed(house.Jellyfin.UserIdOf("alice"), episode, DateTimeOffset.UtcNow);
            await UntilAsync(async () => (await inbox.ListAsync(null, 10, TestContext.Current.CancellationToken)).Count > 0);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        var drain = await house.Harness.Processor.ProcessPendingAsync(TestContext.Current.CancellationToken);
        var stored = await inbox.ListAsync(null, 10, TestContext.Current.CancellationToken);

        var entry = Assert.Single(stored);
        Assert.Equal(("jellyfin.live", InboxStatus.Applied, "alice"), (entry.Source, entry.Status, entry.Identity));
        Assert.Equal(["alice"], drain.ChangedIdentities);
        Assert.NotEqual(before, await house.SnapshotAsync());
        Assert.True((await house.StateAsync("alice", "jf", episode))!.Value.Watched);
        Assert.False((await house.StateAsync("main", "jf", episode))!.Value.Watched);
        Assert.False((await house.StateAsync("bob", "jf", episode))!.Value.Watched);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Generous);
        while (!await condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
