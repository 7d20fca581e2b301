using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Api.History;
using WatchState.Identities;
using WatchState.Storage;
using WatchState.Web;

namespace WatchState.Pages.History;

/// <summary>
/// <c>/history/{id}</c>: one item, every server's view of it, why it is in its state, and mark played/unplayed. A
/// mark is decided like any other observation, queued in the outbox and sent at once by the webhook worker; the
/// page polls the item's writes until none is left in flight.
/// </summary>
internal sealed class HistoryItemModel(HistoryQueries history, PlayStateMarker marker, ItemWrites writes, IdentityFiles identities) : PageModel
{
    /// <summary>Whose item: <c>?identity=alice</c>, <c>main</c> when absent.</summary>
    [BindProperty(SupportsGet = true, Name = "identity")]
    public string? Identity { get; set; }

    public string Who => string.IsNullOrEmpty(Identity) ? IdentityFiles.Main : Identity;

    /// <summary>The identity for links and forms; null for <c>main</c>, whose URLs carry none.</summary>
    public string? IdentityRoute => Who == IdentityFiles.Main ? null : Who;

    public ItemDetails? Details { get; private set; }

    public IReadOnlyList<OutboxEntry> Writes { get; private set; } = [];

    /// <summary>Some write is due and being sent: it may move any moment, so the page keeps asking.</summary>
    public bool Sending { get; private set; }

    /// <summary>Writes waiting for a later attempt, or failed: "Send now" offers to try them at once.</summary>
    public bool AnyWaiting => Writes.Any(w => w.Status is OutboxStatus.Pending or OutboxStatus.Failed) && !Sending;

    public bool Polling => Sending;

    public bool InFlight(OutboxEntry write) => writes.InFlight(write);

    /// <summary>A toast for the answer to a click (never for a poll).</summary>
    public string? Message { get; private set; }

    public string MessageKind { get; private set; } = "ok";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    /// <summary>The live part of the page (state, writes, views, decisions), polled while writes are in flight.</summary>
    public async Task<IActionResult> OnGetLiveAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Partial("_ItemLive", this) : ItemGone(id);

    public async Task<IActionResult> OnPostMarkAsync(long id, bool played, CancellationToken cancellationToken)
    {
        if (!identities.Exists(Who))
        {
            return ItemGone(id);
        }

        var result = await marker.MarkAsync(Who, id, played, cancellationToken);
        if (result is null)
        {
            return ItemGone(id);
        }

        var state = played ? "played" : "unplayed";
        Message = result.Queued.Count switch
        {
            0 when result.Changed => $"Marked {state}. No server needs a write.",
            0 => $"Already {state} here and on every server.",
            _ => $"Marked {state}. Writing to {string.Join(", ", result.Queued.Select(q => q.Backend).Distinct())}…",
        };
        return await AnswerAsync(id, cancellationToken);
    }

    /// <summary>Sends the item's waiting or failed writes now instead of at their next retry time.</summary>
    public async Task<IActionResult> OnPostSendAsync(long id, CancellationToken cancellationToken)
    {
        if (!identities.Exists(Who) || await writes.SendNowAsync(Who, await writes.RecentAsync(Who, id, cancellationToken), cancellationToken) == 0)
        {
            Message = "Nothing is waiting to be sent for this item.";
            MessageKind = "info";
        }

        return await AnswerAsync(id, cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(long id, CancellationToken cancellationToken)
    {
        // Without scripts the form posted the whole page: back to the item, where the writes show.
        if (Request.Headers["HX-Request"] != "true")
        {
            return Redirect(HistoryLinks.Item(id, Who));
        }

        return await LoadAsync(id, cancellationToken) ? Partial("_ItemLive", this) : ItemGone(id);
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (!identities.Exists(Who))
        {
            return false;
        }

        Details = await history.ShowAsync(id, Who, cancellationToken);
        if (Details is null)
        {
            return false;
        }

        Writes = await writes.RecentAsync(Who, id, cancellationToken);
        Sending = Writes.Any(writes.InFlight);
        return true;
    }

    private NotFoundObjectResult ItemGone(long id) => NotFound($"There is no item {id}: it may have been removed. Go back to the history to find it again.");
}
