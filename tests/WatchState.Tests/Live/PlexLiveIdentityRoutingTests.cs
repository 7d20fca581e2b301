using Microsoft.Extensions.DependencyInjection;
using WatchState.Live;
using WatchState.Storage;
using WatchState.Tests.Webhooks;

namespace WatchState.Tests.Live;

/// <summary>
/// One Plex notification socket, opened with the owner's token, serves every identity: Alice's session lands in
/// Alice's identity with her own play state (re-read with her token), the owner's in <c>main</c>, and a user in no
/// identity is not stored at all.
/// </summary>
public class PlexLiveIdentityRoutingTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_persons_plex_session_lands_in_their_own_identity_over_one_socket()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var house = await Household.StartAsync();
        var plex = house.Plex;
        var services = house.Harness.Services;
        var status = services.GetRequiredService<LiveStatus>();
        var inbox = services.GetRequiredService<InboxStore>();
        var service = ActivatorUtilities.CreateInstance<LiveListenerService>(services);
        var matrix = plex.RatingKeyOf("The Matrix");
        var episode = plex.RatingKeyOf("Breaking Bad S01E02");
        var twenty = (long)TimeSpan.FromMinutes(20).TotalMilliseconds;
        var seven = (long)TimeSpan.FromMinutes(7).TotalMilliseconds;
        await service.StartAsync(ct);
        try
        {
            await UntilAsync(() => Task.FromResult(status.Find("plex") is { Connected: true }));
            Assert.Equal(1, plex.LiveConnections);

            // Carol is in no identity: her session must never be stored or applied.
            plex.StartPlaying("carol", matrix, TimeSpan.FromMinutes(5));
            plex.StartPlaying("alice", matrix, TimeSpan.FromMinutes(10));
            await UntilAsync(async () =>
            {
                // Repeated: a session the listing did not show yet is looked up again only after a short gap.
                plex.ReportPlaying("alice", matrix, TimeSpan.FromMinutes(20), "paused");
                await house.Harness.Processor.ProcessPendingAsync(ct);
                return (await house.StateAsync("alice", "plex", matrix))?.ProgressMs == twenty;
            });
            Assert.Equal(0, (await house.StateAsync("main", "plex", matrix))!.Value.ProgressMs);
            Assert.False((await house.StateAsync("alice", "plex", matrix))!.Value.Watched);

            // She finishes: the server has it watched for her token only; the stop re-reads it as her.
            plex.Scrobble("alice", matrix);
            plex.StopPlaying("alice", matrix);
            await UntilAsync(async () =>
            {
                await house.Harness.Processor.ProcessPendingAsync(ct);
                return (await house.StateAsync("alice", "plex", matrix))!.Value.Watched;
            });

            plex.StartPlaying("admin", episode, TimeSpan.FromMinutes(7));
            await UntilAsync(async () =>
            {
                await house.Harness.Processor.ProcessPendingAsync(ct);
                // A player reports every few seconds; a new session right after a listing read is named on a later report.
                plex.ReportPlaying("admin", episode, TimeSpan.FromMinutes(7), "paused");
                return (await house.StateAsync("main", "plex", episode))?.ProgressMs == seven;
            });
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        await house.Harness.Processor.ProcessPendingAsync(ct);
        Assert.False(plex.GetPlayState("admin", matrix).Played);
        Assert.False((await house.StateAsync("main", "plex", matrix))!.Value.Watched);
        Assert.False((await house.StateAsync("bob", "plex", matrix))!.Value.Watched);
        Assert.Equal(0, (await house.StateAsync("alice", "plex", episode))!.Value.ProgressMs);
        Assert.Equal(0, (await house.StateAsync("bob", "plex", episode))!.Value.ProgressMs);

        var stored = (await inbox.ListAsync(null, 100, ct)).Where(e => e.Source == "plex.live").ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, e => Assert.Equal(InboxStatus.Applied, e.Status));
        Assert.Equal(["alice", "main"], stored.Select(e => e.Identity!).Distinct().Order(StringComparer.Ordinal));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Generous);
        while (!await condition())
        {
            await Task.Delay(300, deadline.Token);
        }
    }
}
