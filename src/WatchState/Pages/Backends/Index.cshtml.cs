using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Api;
using WatchState.Api.Backends;
using WatchState.Configuration;
using WatchState.Live;

namespace WatchState.Pages.Backends;

/// <summary>The configured backends; their import/export/live switches save at once.</summary>
internal sealed class IndexModel(ServersFile servers, BackendEditor editor, LiveStatus live) : PageModel
{
    public IReadOnlyList<BackendRow> Backends { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Backends = [.. (await servers.LoadAsync(cancellationToken)).Select(b => new BackendRow(b, live.Find(b.Name)))];
    }

    /// <summary>One switch: <paramref name="what"/> is import, export or live; an unticked checkbox sends no <c>on</c>.</summary>
    public async Task<IActionResult> OnPostToggleAsync(string name, string what, bool on, CancellationToken cancellationToken)
    {
        var patch = what switch
        {
            "import" => new BackendPatchBody(null, null, null, on, null, null, null),
            "export" => new BackendPatchBody(null, null, null, null, on, null, null),
            "live" => new BackendPatchBody(null, null, null, null, null, on, null),
            _ => null,
        };
        if (patch is null)
        {
            return Refused(StatusCodes.Status400BadRequest, $"unknown switch '{what}': use import, export or live");
        }

        try
        {
            await editor.UpdateAsync(name, patch, cancellationToken);
        }
        catch (ApiException ex)
        {
            return Refused(ex.Status, ex.Message);
        }

        return Partial("_Saved", $"{Capitalised(what)} turned {(on ? "on" : "off")} for {name}");
    }

    internal static ContentResult Refused(int status, string message) =>
        new() { StatusCode = status, Content = message, ContentType = "text/plain; charset=utf-8" };

    private static string Capitalised(string what) => what == "live" ? "Live events" : char.ToUpperInvariant(what[0]) + what[1..];
}
