using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Logging;

namespace WatchState.Pages.Logs;

/// <summary>
/// The server's daily log: the end of one day's file, then (for today) new lines every 2 seconds. The file is chosen
/// by its date only, so no name or path from the browser ever reaches the file system.
/// </summary>
internal sealed class IndexModel(LogFiles files, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];

    public DateOnly Day { get; private set; }

    public bool IsToday { get; private set; }

    public LogFilter Level { get; private set; }

    public LogChunk Chunk { get; private set; } = new([], 0, false);

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? day, string? level, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Days = files.Days();
        Level = ParseLevel(level);
        if (string.IsNullOrEmpty(day))
        {
            Day = today;
        }
        else if (LogFiles.ParseDay(day) is { } picked)
        {
            Day = picked;
        }
        else
        {
            Day = today;
            Error = "Pick a day from the list: a day is written as YYYY-MM-DD.";
        }

        IsToday = Day == today;
        Chunk = await files.ReadAsync(Day, null, Level, cancellationToken);
    }

    /// <summary>The lines written since <paramref name="after"/> (a byte offset), appended by the page, and the next poll.</summary>
    public async Task<IActionResult> OnGetTailAsync(string? day, long after, string? level, CancellationToken cancellationToken)
    {
        if (LogFiles.ParseDay(day) is not { } picked)
        {
            return BadRequest("day must be a date written as YYYY-MM-DD");
        }

        Day = picked;
        Level = ParseLevel(level);
        Chunk = await files.ReadAsync(picked, after, Level, cancellationToken);
        return Partial("_Tail", this);
    }

    public static string LevelName(LogFilter level) => level.ToString().ToLowerInvariant();

    public static string LineClass(string? level) => level switch
    {
        "warn" => "warn",
        "fail" or "crit" => "error",
        _ => "",
    };

    private static LogFilter ParseLevel(string? level) => level switch
    {
        "warn" => LogFilter.Warn,
        "error" => LogFilter.Error,
        _ => LogFilter.Info,
    };
}
