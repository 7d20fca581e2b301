using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Api;
using WatchState.Api.Backends;
using WatchState.Backends;
using WatchState.Configuration;

namespace WatchState.Pages.Backends;

/// <summary>
/// The add wizard: server details, connection test, whose play state, what to sync. Each step posts everything
/// so far and gets the next step back (an htmx swap, or the whole page without script); nothing is written
/// until the last step, which stores the backend the way <c>POST /v1/api/backends</c> does.
/// </summary>
internal sealed class AddModel(ServersFile servers, BackendEditor editor, IMediaServerFactory factory) : PageModel
{
    public const string ToastKey = "BackendsToast";

    public static readonly string[] Steps = ["Server", "Connection", "User", "Sync"];

    [BindProperty]
    public BackendWizardInput Input { get; set; } = new();

    public int Step { get; private set; } = 1;

    /// <summary>Messages shown next to the field they are about, by field name.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A message about the whole step (the server refused, could not be reached ...).</summary>
    public string? Error { get; private set; }

    public ServerInfo? Server { get; private set; }

    public IReadOnlyList<RemoteUser>? Users { get; private set; }

    /// <summary>Why the server's users cannot be listed (a limited Plex token); the user id is typed instead.</summary>
    public string? UsersUnavailable { get; private set; }

    public void OnGet(string? type)
    {
        Input.Type = TryType(type, out var parsed) ? BackendDto.TypeName(parsed) : null;
    }

    public async Task<IActionResult> OnPostDetailsAsync(CancellationToken cancellationToken)
    {
        await CheckDetailsAsync(cancellationToken);
        Input.ServerId = null;
        return Show(Errors.Count == 0 ? 2 : 1);
    }

    public IActionResult OnPostBack() => Show(1);

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        await CheckDetailsAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return Show(1);
        }

        await ConnectAsync(cancellationToken);
        return Show(2);
    }

    public async Task<IActionResult> OnPostUsersAsync(CancellationToken cancellationToken)
    {
        await CheckDetailsAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return Show(1);
        }

        await LoadUsersAsync(cancellationToken);
        if (Users is not null && string.IsNullOrEmpty(Input.User) && Users.Count(u => u.IsAdmin) == 1)
        {
            Input.User = Users.First(u => u.IsAdmin).Id;
        }

        return Show(3);
    }

    public async Task<IActionResult> OnPostChooseAsync(CancellationToken cancellationToken)
    {
        await CheckDetailsAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return Show(1);
        }

        await LoadUsersAsync(cancellationToken);
        if (Error is not null)
        {
            return Show(3);
        }

        if (Users is null)
        {
            if (string.IsNullOrWhiteSpace(Input.User))
            {
                Errors[nameof(Input.User)] = "Enter the id of the user whose play state is synced (your plex.tv account id).";
            }
        }
        else if (Users.FirstOrDefault(u => u.Id == Input.User) is not { } chosen)
        {
            Errors[nameof(Input.User)] = "Choose whose play state is synced.";
        }
        else if (chosen.NeedsPin && string.IsNullOrWhiteSpace(Input.Pin))
        {
            Errors[nameof(Input.Pin)] = $"{chosen.Name}'s profile is protected: enter its PIN.";
        }

        if (Errors.Count > 0)
        {
            return Show(3);
        }

        Input.Import = Input.Export = Input.Live = true;
        return Show(4);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        BackendConfig added;
        try
        {
            added = await editor.AddAsync(
                new BackendAddBody(Input.Name!, Input.Type!, Input.Url!, Input.Token!, Input.User, Input.Pin, Input.Import, Input.Export, Input.Live),
                cancellationToken);
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            Errors[nameof(Input.Name)] = $"A backend named '{Input.Name}' already exists; choose another name.";
            return Show(1);
        }
        catch (ApiException ex)
        {
            Error = ex.Message;
            return Show(4);
        }

        TempData[ToastKey] = $"Added backend {added.Name}";
        var target = "/backends/" + Uri.EscapeDataString(added.Name);
        if (!IsHtmx)
        {
            return LocalRedirect(target);
        }

        Response.Headers["HX-Redirect"] = target;
        return new EmptyResult();
    }

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    private IActionResult Show(int step)
    {
        Step = step;
        return IsHtmx ? Partial("_AddWizard", this) : Page();
    }

    private async Task CheckDetailsAsync(CancellationToken cancellationToken)
    {
        if (!TryType(Input.Type, out _))
        {
            Errors[nameof(Input.Type)] = "Choose Plex, Jellyfin or Emby.";
        }

        Input.Name = Input.Name?.Trim();
        if (!BackendNames.IsValid(Input.Name))
        {
            Errors[nameof(Input.Name)] = string.IsNullOrEmpty(Input.Name) ? "Give the backend a name, e.g. home_plex." : $"'{Input.Name}': {BackendNames.Rule}.";
        }
        else if ((await servers.LoadAsync(cancellationToken)).Any(b => b.Name == Input.Name))
        {
            Errors[nameof(Input.Name)] = $"A backend named '{Input.Name}' already exists; choose another name.";
        }

        if (!ConfigValues.TryParseHttpUrl(Input.Url, out _))
        {
            Errors[nameof(Input.Url)] = string.IsNullOrWhiteSpace(Input.Url) ? "Enter the server's address, e.g. http://192.168.1.10:8096." : ConfigValues.NotAUrl(Input.Url) + ".";
        }

        if (string.IsNullOrWhiteSpace(Input.Token))
        {
            Errors[nameof(Input.Token)] = "Enter the server's token.";
        }
    }

    private BackendConfig Config()
    {
        // Only called once CheckDetailsAsync found both valid.
        if (!ConfigValues.TryParseHttpUrl(Input.Url, out var url) || !TryType(Input.Type, out var type))
        {
            throw new InvalidOperationException("the server details were not checked");
        }

        return new BackendConfig { Name = Input.Name!, Type = type, Url = url, Token = Input.Token!.Trim(), Uuid = Input.ServerId };
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            Server = await editor.ConnectAsync(Config(), cancellationToken);
            Input.ServerId = Server.Id;
        }
        catch (ApiException ex)
        {
            Error = ex.Message;
            Input.ServerId = null;
        }
    }

    private async Task LoadUsersAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Input.ServerId))
        {
            await ConnectAsync(cancellationToken);
            if (Error is not null)
            {
                return;
            }
        }

        try
        {
            Users = await factory.Create(Config()).GetUsersAsync(cancellationToken);
        }
        catch (UsersUnavailableException ex)
        {
            UsersUnavailable = ex.Message;
        }
        catch (BackendException ex)
        {
            Error = $"cannot list the server's users: {ex.Message}";
        }
    }

    private static bool TryType(string? text, out BackendType type) =>
        Enum.TryParse(text, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(text, out _);
}
