using WatchState.Configuration;
using WatchState.Logging;

namespace WatchState.Tests.Logging;

public sealed class LogFilesTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 24);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private LogFiles Files => new(DataPaths.FromRoot(_temp.Path));

    private string Write(DateOnly day, string text)
    {
        var logs = Path.Combine(_temp.Path, "logs");
        Directory.CreateDirectory(logs);
        var path = Path.Combine(logs, FileLoggerProvider.FileName(day));
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_read_from_an_offset_returns_whole_lines_only_and_the_offset_to_continue_from()
    {
        var path = Write(Day, "2026-11-24T10:00:00.000Z info A: one\n2026-11-24T10:00:01.000Z warn A: two\n2026-11-24T10:00:02.000Z info A: thr");
        var first = await Files.ReadAsync(Day, null, LogFilter.Info, TestContext.Current.CancellationToken);
        Assert.Equal(["2026-11-24T10:00:00.000Z info A: one", "2026-11-24T10:00:01.000Z warn A: two"], first.Lines.Select(l => l.Text));
        Assert.Equal(["info", "warn"], first.Lines.Select(l => l.Level));

        File.AppendAllText(path, "ee\n");
        var next = await Files.ReadAsync(Day, first.Offset, LogFilter.Info, TestContext.Current.CancellationToken);
        Assert.Equal(["2026-11-24T10:00:02.000Z info A: three"], next.Lines.Select(l => l.Text));
        Assert.Equal(new FileInfo(path).Length, next.Offset);
    }

    [Fact]
    public async Task The_level_filter_keeps_warnings_and_errors_or_errors_only()
    {
        Write(Day, "t info A: i\nt warn A: w\nt fail A: f\nt dbug A: d\n");
        var warn = await Files.ReadAsync(Day, null, LogFilter.Warn, TestContext.Current.CancellationToken);
        var error = await Files.ReadAsync(Day, null, LogFilter.Error, TestContext.Current.CancellationToken);
        var info = await Files.ReadAsync(Day, null, LogFilter.Info, TestContext.Current.CancellationToken);
        Assert.Equal(["t warn A: w", "t fail A: f"], warn.Lines.Select(l => l.Text));
        Assert.Equal(["t fail A: f"], error.Lines.Select(l => l.Text));
        Assert.Equal(3, info.Lines.Count);
    }

    [Fact]
    public async Task The_first_view_of_a_large_file_starts_at_a_whole_line_near_its_end()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"2026-11-24T10:00:00.000Z info Category: line {i:0000} with some padding text").ToList();
        Write(Day, string.Join('\n', lines) + "\n");
        var chunk = await Files.ReadAsync(Day, null, LogFilter.Info, TestContext.Current.CancellationToken);
        Assert.True(chunk.Lines.Count < lines.Count);
        Assert.Equal(lines[^1], chunk.Lines[^1].Text);
        Assert.All(chunk.Lines, l => Assert.Contains(l.Text, lines));
    }

    [Fact]
    public async Task Days_lists_only_log_files_newest_first_and_a_missing_day_is_not_an_error()
    {
        Write(new DateOnly(2026, 11, 22), "x\n");
        Write(Day, "x\n");
        File.WriteAllText(Path.Combine(_temp.Path, "logs", "watchstate.notes.log"), "x\n");
        Assert.Equal([Day, new DateOnly(2026, 11, 22)], Files.Days());
        var missing = await Files.ReadAsync(new DateOnly(2026, 1, 1), null, LogFilter.Info, TestContext.Current.CancellationToken);
        Assert.False(missing.Exists);
    }

    [Theory]
    [InlineData("2026-11-24", true)]
    [InlineData("../../config/servers.yaml", false)]
    [InlineData("2026-11-24/../../x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_date_names_a_log_file(string? text, bool accepted) =>
        Assert.Equal(accepted, LogFiles.ParseDay(text) is not null);
}
