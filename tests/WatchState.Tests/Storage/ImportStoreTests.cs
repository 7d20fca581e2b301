using WatchState.Domain;
using WatchState.Storage;

namespace WatchState.Tests.Storage;

public class ImportStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static Observation Movie(string remoteId, bool played = false) => new()
    {
        Backend = "jf",
        RemoteId = remoteId,
        Type = MediaType.Movie,
        Title = "The Matrix",
        Played = played,
        ReceivedAt = Now,
    };

    [Fact]
    public async Task An_item_a_server_lists_twice_in_a_first_import_is_stored_once_with_its_last_view()
    {
        using var temp = new TempDirectory();
        await using var connection = await new Database(temp.File("w.db")).OpenAsync(TestContext.Current.CancellationToken);
        using (var store = new ImportStore(connection, "main", "jf", dryRun: false))
        {
            var id = store.InsertItem(Movie("1"), new ItemState(false, ItemState.UnknownTime, 0, null), Now);
            store.SaveView(Movie("1"), id, isNew: true, Now);
            store.CommitIfDue();
            store.SaveView(Movie("1", played: true), id, isNew: true, Now);
            store.Complete();
        }

        using var again = new ImportStore(connection, "main", "jf", dryRun: false);
        var views = again.LookupViews([Movie("1")]);
        Assert.True(Assert.Single(views).Value.View.Played);
    }

    [Fact]
    public async Task A_state_change_of_an_item_created_earlier_in_the_same_page_is_kept()
    {
        using var temp = new TempDirectory();
        await using var connection = await new Database(temp.File("w.db")).OpenAsync(TestContext.Current.CancellationToken);
        using (var store = new ImportStore(connection, "main", "jf", dryRun: false))
        {
            var id = store.InsertItem(Movie("1"), new ItemState(false, ItemState.UnknownTime, 0, null), Now);
            store.UpdateItemState(id, new ItemState(true, Now, 0, null), Now);
            store.Complete();
        }

        using var again = new ImportStore(connection, "main", "jf", dryRun: false);
        var snapshot = again.LookupItems([], [1]);
        Assert.True(snapshot.Items[1].Watched);
    }

    [Fact]
    public async Task Disposing_without_completing_keeps_nothing()
    {
        using var temp = new TempDirectory();
        await using var connection = await new Database(temp.File("w.db")).OpenAsync(TestContext.Current.CancellationToken);
        using (var store = new ImportStore(connection, "main", "jf", dryRun: false))
        {
            var id = store.InsertItem(Movie("1"), new ItemState(false, ItemState.UnknownTime, 0, null), Now);
            store.InsertKey("movie:imdb:tt0133093", id);
            store.CommitIfDue();
        }

        using var again = new ImportStore(connection, "main", "jf", dryRun: false);
        Assert.Empty(again.LookupItems(["movie:imdb:tt0133093"], [1]).Items);
    }
}
