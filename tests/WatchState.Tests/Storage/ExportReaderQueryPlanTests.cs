using WatchState.Storage;

namespace WatchState.Tests.Storage;

/// <summary>
/// A full export read must not sort the library first: the sort would be held in memory (temp_store = MEMORY) and
/// grow with it. A changed-only read (every push after a webhook) and a one-item read must not scan the library.
/// </summary>
public class ExportReaderQueryPlanTests
{
    [Theory]
    [InlineData("all")]
    [InlineData("changed")]
    [InlineData("item")]
    public async Task The_export_read_neither_sorts_the_library_nor_scans_it_for_a_few_items(string form)
    {
        using var temp = new TempDirectory();
        await using var connection = await new Database(temp.File("w.db")).OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + form switch
        {
            "all" => ExportReader.Sql,
            "changed" => ExportReader.ChangedSql,
            _ => ExportReader.ItemSql,
        };
        command.Parameters.AddWithValue("$identity", "main");
        command.Parameters.AddWithValue("$since", 0L);
        command.Parameters.AddWithValue("$item", 1L);

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.NotEmpty(plan);
        var shown = string.Join(Environment.NewLine, plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.StartsWith("SCAN c", StringComparison.Ordinal));
        if (form == "all")
        {
            Assert.False(plan.Any(step => step.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal)), shown);
        }
    }
}
