namespace WatchState.Pages.Backends;

/// <summary>
/// Everything the add wizard has been told so far. It travels between the steps in hidden form fields (the token
/// too, in the POST body, never in a URL) so the server keeps no half-finished backend anywhere.
/// </summary>
public sealed class BackendWizardInput
{
    public string? Type { get; set; }

    public string? Name { get; set; }

    public string? Url { get; set; }

    public string? Token { get; set; }

    /// <summary>The server's id from the connection test; Plex needs it to list the users of this server.</summary>
    public string? ServerId { get; set; }

    public string? User { get; set; }

    public string? Pin { get; set; }

    public bool Import { get; set; }

    public bool Export { get; set; }

    public bool Live { get; set; }
}
