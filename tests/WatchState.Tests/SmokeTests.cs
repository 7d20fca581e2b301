namespace WatchState.Tests;

public class SmokeTests
{
    [Fact]
    public void Observation_keeps_its_values()
    {
        var at = DateTimeOffset.UnixEpoch;
        var o = new Domain.Observation { Backend = "jf", RemoteId = "1", Type = Domain.MediaType.Movie, Title = "T", ReceivedAt = at };
        Assert.Equal("jf", o.Backend);
    }
}
