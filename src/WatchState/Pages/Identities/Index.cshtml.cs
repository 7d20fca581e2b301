using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Api;
using WatchState.Api.Identities;
using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Pages.Identities;

/// <summary>
/// <c>/identities</c>: the people synced and the user each acts as per backend; the proposal of who is who across
/// backends (loaded after the page, as it asks every server), fixing it through <c>config/mapper.yaml</c>; and
/// provisioning, previewed first, run in the background while the page polls.
/// </summary>
internal sealed class IdentitiesModel(IdentityOverview overview, UserDiscovery discovery, ProvisionJob job, DataPaths paths) : PageModel
{
    public IReadOnlyList<IdentityDto> Identities { get; private set; } = [];

    /// <summary>Why the list could not be read (a broken servers file), or null.</summary>
    public string? ListError { get; private set; }

    public Discovery? Found { get; private set; }

    public string? MatchError { get; private set; }

    public ProvisionState? Provision { get; private set; }

    /// <summary>A toast for the answer to a click.</summary>
    public string? Message { get; private set; }

    public string MessageKind { get; private set; } = "ok";

    public string MapperDisplay => paths.Display(MapperPath);

    private string MapperPath => Path.Combine(paths.ConfigDir, MapperFile.FileName);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadListAsync(cancellationToken);
        Provision = job.Current;
    }

    public async Task<IActionResult> OnGetListAsync(CancellationToken cancellationToken)
    {
        await LoadListAsync(cancellationToken);
        return Partial("_List", this);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var items = await overview.RemoveAsync(name, cancellationToken);
            Message = $"Removed {name}: its servers file and its {items} items are gone.";
        }
        catch (ApiException ex)
        {
            (Message, MessageKind) = (ex.Message, "error");
        }

        return await OnGetListAsync(cancellationToken);
    }

    /// <summary>The proposal, asked of every backend when the page has loaded.</summary>
    public async Task<IActionResult> OnGetMatchAsync(CancellationToken cancellationToken)
    {
        await DiscoverAsync(cancellationToken);
        return Partial("_Match", this);
    }

    /// <summary>Appends the chosen group to mapper.yaml, then shows the proposal it gives.</summary>
    public async Task<IActionResult> OnPostMapAsync(string? user, string? target, CancellationToken cancellationToken)
    {
        await DiscoverAsync(cancellationToken);
        if (Found is not null)
        {
            try
            {
                var entries = MappingFix.Entries(Found, user, target);
                await MapperFileWriter.AppendAsync(MapperPath, MapperDisplay, entries, cancellationToken);
                Message = $"Added to {MapperDisplay}: {string.Join(" = ", entries.Select(e => $"{e.Backend}: {e.Name}"))}";
                await DiscoverAsync(cancellationToken);
            }
            catch (ConfigException ex)
            {
                (Message, MessageKind) = (ex.Message, "error");
            }
        }

        return Partial("_Match", this);
    }

    /// <summary>Starts a preview (dry run) or the real provisioning with the PINs typed in; the answer polls.</summary>
    public IActionResult OnPostProvision(bool dryRun)
    {
        var pins = Request.Form.Keys
            .Where(k => k.StartsWith("pin.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(Request.Form[k]))
            .ToDictionary(k => k["pin.".Length..], k => Request.Form[k].ToString().Trim(), StringComparer.Ordinal);
        Provision = job.Start(new ProvisionOptions(dryRun, pins));
        return Partial("_Provision", this);
    }

    public async Task<IActionResult> OnGetProvisionAsync(CancellationToken cancellationToken)
    {
        Provision = job.Current;
        if (Provision is { Running: false, DryRun: false })
        {
            // The finished run's answer also refreshes the list it changed.
            await LoadListAsync(cancellationToken);
        }

        return Partial("_Provision", this);
    }

    /// <summary>The key of a member's PIN field, as <see cref="ProvisionOptions.Pins"/> takes it.</summary>
    public static string PinKey(ProvisionedMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Backend + ":" + member.UserId;
    }

    /// <summary>A member provisioning left out because their profile is PIN-protected.</summary>
    public static bool NeedsPin(ProvisionedMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Problem?.Contains("PIN", StringComparison.OrdinalIgnoreCase) == true;
    }

    private async Task LoadListAsync(CancellationToken cancellationToken)
    {
        try
        {
            Identities = await overview.ListAsync(cancellationToken);
        }
        catch (ConfigException ex)
        {
            ListError = ex.Message;
        }
    }

    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            Found = await discovery.DiscoverAsync(cancellationToken);
            MatchError = null;
        }
        catch (ConfigException ex)
        {
            (Found, MatchError) = (null, ex.Message);
        }
    }
}
