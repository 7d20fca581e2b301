using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Configuration;
using WatchState.Webhooks;

namespace WatchState.Pages.Settings;

/// <summary>
/// The <c>WS_*</c> settings in effect, where each came from, and the API key with rotation. Read-only otherwise:
/// settings live in <c>config/.env</c> or the environment and are read at start.
/// </summary>
internal sealed partial class IndexModel(AppSettings settings, DataPaths paths, ApiKeyCheck apiKeys, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<ConfigVariable> Variables => settings.Variables;

    public string EnvFile => paths.Display(paths.EnvFile);

    public string MaskedKey { get; private set; } = "";

    /// <summary>The new key, shown once right after a rotation.</summary>
    public string? NewKey { get; private set; }

    public bool SecureApiEndpoints => settings.SecureApiEndpoints;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        MaskedKey = Mask(await apiKeys.CurrentAsync(cancellationToken));

    public async Task OnPostRotateAsync(CancellationToken cancellationToken)
    {
        NewKey = await apiKeys.RotateAsync(cancellationToken);
        MaskedKey = Mask(NewKey);
        LogRotated(logger, User.Identity?.Name);
    }

    /// <summary>Never a credential whole: the last 4 characters, enough to tell two keys apart.</summary>
    public static string Mask(string? secret) =>
        string.IsNullOrEmpty(secret) ? "" : "••••" + (secret.Length > 8 ? secret[^4..] : "");

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key rotated by {User} (web): webhook URLs with the old key stop working")]
    private static partial void LogRotated(ILogger logger, string? user);
}
