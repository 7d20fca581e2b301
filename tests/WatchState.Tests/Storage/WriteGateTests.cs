using WatchState.Storage;

namespace WatchState.Tests.Storage;

public class WriteGateTests
{
    [Fact]
    public async Task Writers_get_their_turn_one_at_a_time_in_the_order_they_asked()
    {
        var gate = new WriteGate();
        var first = await gate.EnterAsync(TestContext.Current.CancellationToken);
        var waiting = Enumerable.Range(0, 5).Select(_ => gate.EnterAsync(TestContext.Current.CancellationToken)).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        first.Dispose();
        for (var i = 0; i < waiting.Count; i++)
        {
            var turn = await waiting[i];
            Assert.All(waiting.Skip(i + 1), w => Assert.False(w.IsCompleted));
            turn.Dispose();
        }

        using var free = await gate.EnterAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_passes_the_turn_to_the_next_and_disposing_twice_releases_once()
    {
        var gate = new WriteGate();
        var first = await gate.EnterAsync(TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();
        var impatient = gate.EnterAsync(cancel.Token);
        var patient = gate.EnterAsync(TestContext.Current.CancellationToken);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        first.Dispose();
        first.Dispose();
        var turn = await patient;

        var next = gate.EnterAsync(TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted);
        turn.Dispose();
        (await next).Dispose();
    }
}
