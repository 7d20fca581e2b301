using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Storage;

namespace WatchState.Pages.Outbox;

/// <summary>The writes to media servers, newest first: filter by status, retry a failed or waiting one.</summary>
internal sealed class IndexModel(Database database, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> Statuses = ["pending", "done", "failed", "dropped"];

    /// <summary>pending, done, failed or dropped; empty for all.</summary>
    public string? Status { get; private set; }

    public IReadOnlyList<OutboxEntry> Entries { get; private set; } = [];

    public int Number { get; private set; } = 1;

    public long Total { get; private set; }

    public bool HasNext => (long)Number * PageSize < Total;

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? status, int? p, CancellationToken cancellationToken)
    {
        Number = Math.Max(1, p ?? 1);
        OutboxStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Statuses.Contains(status))
            {
                Error = $"There is no status '{status}': pick pending, done, failed or dropped.";
                return;
            }

            Status = status;
            wanted = Enum.Parse<OutboxStatus>(status, ignoreCase: true);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        (Entries, Total) = await new OutboxStore(connection, "main").PageAsync(wanted, (long)(Number - 1) * PageSize, PageSize, cancellationToken);
    }

    /// <summary>Sends the write again at the next export with a fresh count of attempts; answers the row to swap in.</summary>
    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var store = new OutboxStore(connection, "main");
        var retried = await store.RetryAsync(id, clock.GetUtcNow(), cancellationToken);
        if (await store.GetAsync(id, cancellationToken) is not { } entry)
        {
            return NotFound($"There is no write #{id} any more: reload the page.");
        }

        return Partial("_OutboxRow", new OutboxRow(entry)
        {
            Toast = retried
                ? $"#{id} will be sent again at the next export"
                : $"#{id} is {entry.Status.ToString().ToLowerInvariant()}: only pending or failed writes can be retried",
            ToastKind = retried ? "ok" : "error",
        });
    }
}

/// <summary>One outbox row, with a message for the person who just retried it.</summary>
internal sealed record OutboxRow(OutboxEntry Entry)
{
    public string? Toast { get; init; }

    public string ToastKind { get; init; } = "info";
}
