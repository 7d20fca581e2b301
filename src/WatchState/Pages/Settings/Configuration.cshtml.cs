using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WatchState.Pages.Settings;

/// <summary>docs/configuration.md as built into this program, so the settings' documentation matches the version running.</summary>
internal sealed class ConfigurationModel : PageModel
{
    public string Text { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(ConfigurationModel).Assembly.GetManifestResourceStream("docs/configuration.md");
        if (stream is null)
        {
            return;
        }

        using var reader = new StreamReader(stream);
        Text = await reader.ReadToEndAsync(cancellationToken);
    }
}
