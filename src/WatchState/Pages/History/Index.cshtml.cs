using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Api.History;
using WatchState.Domain;
using WatchState.Identities;
using WatchState.Storage;

namespace WatchState.Pages.History;

/// <summary>
/// <c>/history</c>: search, filter and page through the items. A plain GET form (works without scripts); htmx swaps
/// only the results and pushes the URL, so a reload or a bookmark keeps the filters.
/// </summary>
internal sealed class HistoryListModel(HistoryQueries history, IdentityFiles identities) : PageModel
{
    public const int DefaultSize = 50;

    public static readonly IReadOnlyList<int> Sizes = [10, 25, 50, 100, 200];

    /// <summary>The sorts offered, by their API names.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> SortChoices =
    [
        ("-updated", "Newest change"),
        ("updated", "Oldest change"),
        ("title", "Title A–Z"),
        ("-title", "Title Z–A"),
    ];

    /// <summary>Whose history: <c>?identity=alice</c>, <c>main</c> when absent.</summary>
    [BindProperty(SupportsGet = true, Name = "identity")]
    public string? Identity { get; set; }

    /// <summary>The identity browsed, <c>main</c> by default.</summary>
    public string Who => string.IsNullOrEmpty(Identity) ? IdentityFiles.Main : Identity;

    /// <summary>Every identity; the picker shows only when there is more than <c>main</c>.</summary>
    public IReadOnlyList<string> Identities { get; private set; } = [IdentityFiles.Main];

    /// <summary>The <c>?identity=</c> names no identity: the page says so instead of listing main's items.</summary>
    public bool UnknownIdentity { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "watched")]
    public string? Watched { get; set; }

    [BindProperty(SupportsGet = true, Name = "backend")]
    public string? Backend { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    /// <summary>From <c>?page=</c>, read by hand: Razor Pages binds the name "page" to its own route value.</summary>
    public int? PageNumber { get; private set; }

    [BindProperty(SupportsGet = true, Name = "size")]
    public int? Size { get; set; }

    public IReadOnlyList<(ItemRow Item, IReadOnlyList<ViewRow> Views)> Items { get; private set; } = [];

    public long Total { get; private set; }

    /// <summary>No item at all (not only none matching): the empty state points at adding a backend and importing.</summary>
    public bool NothingImported { get; private set; }

    public IReadOnlyList<string> BackendNames { get; private set; } = [];

    public int Number => Math.Max(1, PageNumber ?? 1);

    public int PerPage => Size is { } s && Sizes.Contains(s) ? s : DefaultSize;

    public bool Filtered => !string.IsNullOrWhiteSpace(Query) || ParsedType is not null || ParsedWatched is not null || !string.IsNullOrEmpty(Backend);

    private MediaType? ParsedType => Type?.ToUpperInvariant() switch
    {
        "MOVIE" => MediaType.Movie,
        "EPISODE" => MediaType.Episode,
        _ => null,
    };

    private bool? ParsedWatched => Watched?.ToUpperInvariant() switch
    {
        "YES" => true,
        "NO" => false,
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
        Identities = identities.List();
        if (!identities.Exists(Who))
        {
            UnknownIdentity = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        BackendNames = [.. (await identities.LoadAsync(Who, cancellationToken)).Select(b => b.Name)];
        var filter = new ItemFilter
        {
            Identity = Who,
            Title = Query,
            Type = ParsedType,
            Watched = ParsedWatched,
            Backend = string.IsNullOrEmpty(Backend) ? null : Backend,
            Sort = Sort is not null && HistoryApi.Sorts.TryGetValue(Sort, out var order) ? order : ItemSort.UpdatedDescending,
            Limit = PerPage,
            Offset = (long)(Number - 1) * PerPage,
        };
        Items = await history.ListAsync(filter, cancellationToken);
        Total = await history.CountAsync(filter, cancellationToken);
        NothingImported = Total == 0 && (!Filtered || await history.CountAsync(new ItemFilter { Identity = Who }, cancellationToken) == 0);

        // htmx asks for the results only (live search, filters, pager); a reload or history restore gets the page.
        return Request.Headers["HX-Target"] == "results" ? Partial("_Results", this) : Page();
    }

    /// <summary>This listing's URL at another page, keeping every filter.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("identity", Who == IdentityFiles.Main ? null : Who);
        Add("q", Query);
        Add("type", Type);
        Add("watched", Watched);
        Add("backend", Backend);
        Add("sort", Sort);
        Add("size", Size is null ? null : PerPage.ToString(CultureInfo.InvariantCulture));
        Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/history?" + string.Join("&", query);
    }

    /// <summary>A link to an item of the identity browsed.</summary>
    public string ItemUrl(long id) => HistoryLinks.Item(id, Who);
}
