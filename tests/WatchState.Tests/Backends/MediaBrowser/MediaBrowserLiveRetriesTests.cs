using WatchState.Backends.MediaBrowser;

namespace WatchState.Tests.Backends.MediaBrowser;

public sealed class MediaBrowserLiveRetriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_failed_read_is_tried_again_with_growing_waits_and_given_up_after_the_last_one()
    {
        var retries = new MediaBrowserLiveRetries();
        var waits = new List<TimeSpan?>();
        for (var failed = 1; failed <= MediaBrowserLiveRetries.Delays.Count + 1; failed++)
        {
            waits.Add(retries.Schedule("user", ["item"], failed, Now));
            retries.TakeDue(DateTimeOffset.MaxValue);
        }

        Assert.Equal([.. MediaBrowserLiveRetries.Delays.Select(d => (TimeSpan?)d), null], waits);
        Assert.True(MediaBrowserLiveRetries.Delays.Zip(MediaBrowserLiveRetries.Delays.Skip(1)).All(p => p.First < p.Second));
        Assert.Null(retries.NextDue);
    }

    [Fact]
    public void Only_due_reads_are_taken_and_each_once()
    {
        var retries = new MediaBrowserLiveRetries();
        retries.Schedule("a", ["1", "2"], 1, Now);
        retries.Schedule("b", ["3"], 3, Now);

        Assert.Equal(Now + MediaBrowserLiveRetries.Delays[0], retries.NextDue);
        var first = Assert.Single(retries.TakeDue(Now + MediaBrowserLiveRetries.Delays[0]));
        Assert.Equal(("a", 1), (first.UserId, first.Failed));
        Assert.Equal(["1", "2"], first.ItemIds);
        Assert.Empty(retries.TakeDue(Now + MediaBrowserLiveRetries.Delays[0]));
        Assert.Equal(Now + MediaBrowserLiveRetries.Delays[2], retries.NextDue);
    }

    [Fact]
    public void More_waiting_items_than_the_limit_are_left_to_the_next_import()
    {
        var retries = new MediaBrowserLiveRetries();
        var many = Enumerable.Range(0, MediaBrowserLiveRetries.MaxWaitingIds).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.NotNull(retries.Schedule("a", many, 1, Now));
        Assert.Null(retries.Schedule("a", ["one more"], 1, Now));
    }
}
