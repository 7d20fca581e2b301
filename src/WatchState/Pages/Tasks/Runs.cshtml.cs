using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Scheduling;

namespace WatchState.Pages.Tasks;

/// <summary>One task's recorded runs, newest first, a page at a time.</summary>
internal sealed class RunsModel(TaskRunner runner, TaskRunStore runs) : PageModel
{
    public const int PageSize = 25;

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public IReadOnlyList<TaskRun> Runs { get; private set; } = [];

    public int Number { get; private set; } = 1;

    public long Total { get; private set; }

    /// <summary>A run's length: "0.4 s", "12 s", "3 min 5 s".</summary>
    public static string Took(TimeSpan span) => span.TotalSeconds switch
    {
        < 10 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s"),
        < 60 => $"{(int)span.TotalSeconds} s",
        _ => $"{(int)span.TotalMinutes} min {span.Seconds} s",
    };

    public bool HasNext => (long)Number * PageSize < Total;

    public async Task<IActionResult> OnGetAsync(string name, int? p, CancellationToken cancellationToken)
    {
        if (runner.Tasks.FirstOrDefault(t => t.Name == name) is not { } task)
        {
            return NotFound();
        }

        Name = task.Name;
        Description = task.Description;
        Number = Math.Max(1, p ?? 1);
        (Runs, Total) = await runs.PageAsync(name, (long)(Number - 1) * PageSize, PageSize, cancellationToken);
        return Page();
    }
}
