using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Api;
using WatchState.Api.Backends;
using WatchState.Backends;
using WatchState.Live;

namespace WatchState.Pages.Backends;

/// <summary>
/// One backend: address and token, switches and options, connection test, the server's users and libraries
/// (loaded after the page, so a slow server never holds the page up), and removal. Changes go through the same
/// <see cref="BackendEditor"/> as <c>PATCH /v1/api/backends/{name}</c>.
/// </summary>
internal sealed class EditModel(BackendEditor editor, IMediaServerFactory factory, LiveStatus live) : PageModel
{
    public BackendRow Row { get; private set; } = null!;

    /// <summary>Why the page cannot show the backend (it is not in servers.yaml).</summary>
    public string? Missing { get; private set; }

    [BindProperty]
    public string? Address { get; set; }

    /// <summary>Blank keeps the current token.</summary>
    [BindProperty]
    public string? Token { get; set; }

    [BindProperty]
    public bool Import { get; set; }

    [BindProperty]
    public bool Export { get; set; }

    [BindProperty]
    public bool Live { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return Page();
        }

        Address = Row.Config.Url.OriginalString;
        Import = Row.Config.ImportEnabled;
        Export = Row.Config.ExportEnabled;
        Live = Row.LiveOn;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return Page();
        }

        var url = string.Equals(Address?.Trim(), Row.Config.Url.OriginalString, StringComparison.Ordinal) ? null : Address ?? "";
        var token = string.IsNullOrWhiteSpace(Token) ? null : Token;
        try
        {
            await editor.UpdateAsync(name, new BackendPatchBody(url, token, null, Import, Export, Live, null), cancellationToken);
        }
        catch (ApiException ex)
        {
            // "url ..." is about the address; "cannot connect ..." may be either, so it goes above the form.
            if (ex.Message.StartsWith("url ", StringComparison.Ordinal))
            {
                Errors[nameof(Address)] = ex.Message[4..];
            }
            else
            {
                Error = ex.Message;
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData[AddModel.ToastKey] = $"Saved {name}";
        return LocalRedirect(Row.Link);
    }

    public async Task<IActionResult> OnPostOptionAsync(string name, string? key, string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return IndexModel.Refused(StatusCodes.Status400BadRequest, "give the option's name");
        }

        key = key.Trim();
        try
        {
            await editor.UpdateAsync(
                name,
                new BackendPatchBody(null, null, null, null, null, null, new Dictionary<string, string?> { [key] = string.IsNullOrEmpty(value) ? null : value }),
                cancellationToken);
        }
        catch (ApiException ex)
        {
            return IndexModel.Refused(ex.Status, ex.Message);
        }

        TempData[AddModel.ToastKey] = string.IsNullOrEmpty(value) ? $"Removed option {key}" : $"Set option {key}";
        return LocalRedirect("/backends/" + Uri.EscapeDataString(name));
    }

    public async Task<IActionResult> OnPostTestAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var backend = await editor.FindAsync(name, cancellationToken);
            return Partial("_TestResult", await TestAsync(backend, cancellationToken));
        }
        catch (ApiException ex)
        {
            return IndexModel.Refused(ex.Status, ex.Message);
        }
    }

    public async Task<IActionResult> OnGetUsersAsync(string name, CancellationToken cancellationToken) =>
        await UsersAsync(name, cancellationToken);

    public async Task<IActionResult> OnPostUserAsync(string name, string id, CancellationToken cancellationToken)
    {
        try
        {
            await editor.UpdateAsync(name, new BackendPatchBody(null, null, id, null, null, null, null), cancellationToken);
        }
        catch (ApiException ex)
        {
            return IndexModel.Refused(ex.Status, ex.Message);
        }

        return await UsersAsync(name, cancellationToken, $"{name} now syncs user {id}");
    }

    public async Task<IActionResult> OnGetLibrariesAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var backend = await editor.FindAsync(name, cancellationToken);
            var ignored = Sync.IgnoredLibraries.Of(backend);
            try
            {
                var libraries = await factory.Create(backend).GetLibrariesAsync(cancellationToken);
                return Partial("_Libraries", new LibrariesView(new BackendRow(backend, null), [.. libraries.Select(l => new BackendLibraryDto(
                    l.Id, l.Name, l.Kind.ToString().ToLowerInvariant(), l.RawType, ignored.Contains(l.Id)))], null));
            }
            catch (BackendException ex)
            {
                return Partial("_Libraries", new LibrariesView(new BackendRow(backend, null), [], $"cannot list the libraries: {ex.Message}"));
            }
        }
        catch (ApiException ex)
        {
            return IndexModel.Refused(ex.Status, ex.Message);
        }
    }

    /// <summary>The switch sends <c>ignore=true</c> when ticked and nothing when not.</summary>
    public async Task<IActionResult> OnPostIgnoreAsync(string name, string library, string? title, bool ignore, CancellationToken cancellationToken)
    {
        try
        {
            await editor.IgnoreLibraryAsync(name, library, ignore, cancellationToken);
        }
        catch (ApiException ex)
        {
            return IndexModel.Refused(ex.Status, ex.Message);
        }

        return Partial("_Saved", ignore ? $"Import now skips {title ?? library}" : $"Import now reads {title ?? library}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await editor.RemoveAsync(name, cancellationToken);
        }
        catch (ApiException ex)
        {
            return IndexModel.Refused(ex.Status, ex.Message);
        }

        TempData[AddModel.ToastKey] = $"Removed backend {name}; its history stays";
        if (!Request.Headers.ContainsKey("HX-Request"))
        {
            return LocalRedirect("/backends");
        }

        Response.Headers["HX-Redirect"] = "/backends";
        return new EmptyResult();
    }

    private async Task<BackendTestDto> TestAsync(Configuration.BackendConfig backend, CancellationToken cancellationToken)
    {
        try
        {
            var info = await editor.ConnectAsync(backend, cancellationToken);
            return new BackendTestDto(true, info.Id, info.Name, info.Product, info.Version, info.Warning, null);
        }
        catch (ApiException ex)
        {
            return new BackendTestDto(false, null, null, null, null, null, ex.Message);
        }
    }

    private async Task<IActionResult> UsersAsync(string name, CancellationToken cancellationToken, string? saved = null)
    {
        try
        {
            var backend = await editor.FindAsync(name, cancellationToken);
            var row = new BackendRow(backend, null);
            try
            {
                var users = await factory.Create(backend).GetUsersAsync(cancellationToken);
                return Partial("_Users", new UsersView(row, [.. users.Select(u => new BackendUserDto(
                    u.Id, u.Name, u.IsAdmin, u.Kind, u.NeedsPin, backend.User is not null && Cli.BackendUserPicker.SameId(u.Id, backend.User)))], null, saved));
            }
            catch (BackendException ex)
            {
                return Partial("_Users", new UsersView(row, [], ex is UsersUnavailableException ? ex.Message : $"cannot list the users: {ex.Message}", saved));
            }
        }
        catch (ApiException ex)
        {
            return IndexModel.Refused(ex.Status, ex.Message);
        }
    }

    private async Task<bool> LoadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var backend = await editor.FindAsync(name, cancellationToken);
            Row = new BackendRow(backend, live.Find(name));
            return true;
        }
        catch (ApiException ex)
        {
            Missing = ex.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
    }
}

/// <summary>The users section: the server's users, or why they cannot be listed.</summary>
internal sealed record UsersView(BackendRow Backend, IReadOnlyList<BackendUserDto> Users, string? Error, string? Saved);

/// <summary>The libraries section: the server's libraries with their ignore switches, or why they cannot be listed.</summary>
internal sealed record LibrariesView(BackendRow Backend, IReadOnlyList<BackendLibraryDto> Libraries, string? Error);
