using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Pages.Events;

/// <summary>
/// One event: what it is, what became of it, what the parser reads from it, and its body with credentials masked.
/// </summary>
internal sealed class ShowModel(InboxStore inbox, WebhookParsers parsers, WebhookSignal signal) : PageModel
{
    public InboxEntry Entry { get; private set; } = null!;

    /// <summary>The body, indented, with secrets masked; null when it cannot be read.</summary>
    public string? Body { get; private set; }

    /// <summary>The multipart field the JSON came from (Plex's payload, Emby's data); null for a plain body.</summary>
    public string? FormField { get; private set; }

    public ParsedWebhook? Parsed { get; private set; }

    public string? ParseError { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplayAsync(long id, CancellationToken cancellationToken)
    {
        if (!await inbox.RequeueAsync(id, cancellationToken))
        {
            return NotFound();
        }

        signal.Notify();
        await LoadAsync(id, cancellationToken);
        Message = $"Event #{id} is queued to be applied again; its status below updates when you reload.";
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await inbox.GetAsync(id, cancellationToken) is not { } entry)
        {
            return false;
        }

        Entry = entry;
        var request = new WebhookRequest(entry.ContentType, entry.UserAgent, entry.Body);
        try
        {
            var body = await WebhookBody.ReadAsync(request, cancellationToken);
            Body = WebhookBodyMask.Mask(body.Json);
            FormField = body.FormField;
            Parsed = await parsers.ParseStoredAsync(request, entry.ReceivedAt, cancellationToken);
        }
        catch (WebhookParseException ex)
        {
            ParseError = ex.Message;
        }

        return true;
    }
}
