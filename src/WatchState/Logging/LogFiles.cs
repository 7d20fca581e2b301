using System.Globalization;
using System.Text;
using WatchState.Configuration;

namespace WatchState.Logging;

/// <summary>How much of the log a reader wants: every line from info up, warnings and errors, or errors only.</summary>
public enum LogFilter
{
    Info,
    Warn,
    Error,
}

/// <summary>One line of a log file, with its level label (info, warn, fail, ...) when it has one.</summary>
public sealed record LogLine(string Text, string? Level);

/// <summary>Lines read from a log file and the byte offset to continue from (the end of the last whole line read).</summary>
public sealed record LogChunk(IReadOnlyList<LogLine> Lines, long Offset, bool Exists);

/// <summary>
/// Reads the daily files <see cref="FileLoggerProvider"/> writes. A file is picked by its date only, never by a name or
/// path from the caller, so nothing outside the logs directory can be read.
/// </summary>
public sealed class LogFiles(DataPaths paths)
{
    /// <summary>How far back the first view of a file reaches; older lines are a download away, not a page away.</summary>
    public const int TailBytes = 128 * 1024;

    private const int MaxChunkBytes = 1024 * 1024;

    /// <summary>The days that have a log file, newest first.</summary>
    public IReadOnlyList<DateOnly> Days()
    {
        if (!Directory.Exists(paths.LogsDir))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(paths.LogsDir, FileLoggerProvider.FilePrefix + "*" + FileLoggerProvider.FileSuffix)
            .Select(f => ParseDay(Path.GetFileName(f)[FileLoggerProvider.FilePrefix.Length..^FileLoggerProvider.FileSuffix.Length]))
            .OfType<DateOnly>()
            .OrderDescending()];
    }

    /// <summary>A date written as yyyy-MM-dd, or null.</summary>
    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>
    /// The lines after <paramref name="offset"/> (or, when it is null, the last <see cref="TailBytes"/> of the file) that
    /// pass <paramref name="filter"/>. A line still being written (no newline yet) is left for the next read.
    /// </summary>
    public async Task<LogChunk> ReadAsync(DateOnly day, long? offset, LogFilter filter, CancellationToken cancellationToken)
    {
        var path = Path.Combine(paths.LogsDir, FileLoggerProvider.FileName(day));
        if (!File.Exists(path))
        {
            return new LogChunk([], 0, false);
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        var start = offset is { } from ? Math.Clamp(from, 0, length) : Math.Max(0, length - TailBytes);

        // A file that shrank (replaced) is read again from its start.
        if (offset > length)
        {
            start = 0;
        }

        var count = (int)Math.Min(length - start, MaxChunkBytes);
        var buffer = new byte[count];
        stream.Position = start;
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        var lastNewline = Array.LastIndexOf(buffer, (byte)'\n');
        if (lastNewline < 0)
        {
            return new LogChunk([], start, true);
        }

        var text = Encoding.UTF8.GetString(buffer, 0, lastNewline);
        var lines = text.Split('\n');

        // Started mid-file: the first piece is the end of a line cut in half.
        var skipFirst = offset is null && start > 0;
        var result = new List<LogLine>(lines.Length);
        foreach (var raw in skipFirst ? lines.Skip(1) : lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var level = LevelOf(line);
            if (Passes(level, filter))
            {
                result.Add(new LogLine(line, level));
            }
        }

        return new LogChunk(result, start + lastNewline + 1, true);
    }

    /// <summary>The level label of a line <c>2026-01-01T00:00:00.000Z info Category: message</c>.</summary>
    public static string? LevelOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && line.Length >= space + 5 && (space + 5 == line.Length || line[space + 5] == ' ') ? line.Substring(space + 1, 4) : null;
    }

    private static bool Passes(string? level, LogFilter filter) => filter switch
    {
        LogFilter.Warn => level is "warn" or "fail" or "crit",
        LogFilter.Error => level is "fail" or "crit",
        _ => level is not ("dbug" or "trce"),
    };
}
