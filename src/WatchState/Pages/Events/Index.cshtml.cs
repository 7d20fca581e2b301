using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Pages.Events;

/// <summary>Received webhooks and live events (the inbox), newest first: filter, open one, replay one.</summary>
internal sealed class IndexModel(InboxStore inbox, WebhookSignal signal) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> Statuses = [InboxStatus.Pending, InboxStatus.Applied, InboxStatus.Ignored, InboxStatus.Failed];

    public string? Status { get; private set; }

    public string? Source { get; private set; }

    public IReadOnlyList<string> Sources { get; private set; } = [];

    public IReadOnlyList<InboxEntry> Entries { get; private set; } = [];

    public int Number { get; private set; } = 1;

    public long Total { get; private set; }

    public bool HasNext => (long)Number * PageSize < Total;

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? status, string? source, int? p, CancellationToken cancellationToken)
    {
        Number = Math.Max(1, p ?? 1);
        Sources = await inbox.SourcesAsync(cancellationToken);
        Source = string.IsNullOrEmpty(source) ? null : source;
        if (!string.IsNullOrEmpty(status) && !InboxStatus.IsKnown(status))
        {
            Error = $"There is no status '{status}': pick pending, applied, ignored or failed.";
            return;
        }

        Status = string.IsNullOrEmpty(status) ? null : status;
        (Entries, Total) = await inbox.PageAsync(Status, Source, (long)(Number - 1) * PageSize, PageSize, cancellationToken);
    }

    /// <summary>Queues the event to be applied again; the webhook worker picks it up at once. Answers the row to swap in.</summary>
    public async Task<IActionResult> OnPostReplayAsync(long id, CancellationToken cancellationToken)
    {
        if (!await inbox.RequeueAsync(id, cancellationToken))
        {
            return NotFound($"There is no event #{id} any more: reload the page.");
        }

        signal.Notify();
        var entry = (await inbox.GetAsync(id, cancellationToken))!;
        return Partial("_EventRow", new EventRow(entry) { Toast = $"#{id} queued to be applied again" });
    }

    /// <summary>The row alone: what a replayed (pending) row polls until the worker has applied it.</summary>
    public async Task<IActionResult> OnGetRowAsync(long id, CancellationToken cancellationToken) =>
        await inbox.GetAsync(id, cancellationToken) is { } entry ? Partial("_EventRow", new EventRow(entry)) : NotFound($"There is no event #{id} any more.");
}

/// <summary>One event row, with a message for the person who just replayed it.</summary>
internal sealed record EventRow(InboxEntry Entry)
{
    public string? Toast { get; init; }
}
