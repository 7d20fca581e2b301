using Microsoft.Extensions.Primitives;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>The item-listing query parameters the simulator honours (keys and values case-insensitive).</summary>
internal sealed class ItemQuery
{
    public string? ParentId { get; private init; }

    public bool Recursive { get; private init; }

    /// <summary>Null: any type. Empty: only unsupported types were asked for, so nothing matches.</summary>
    public HashSet<ItemKind>? IncludeTypes { get; private init; }

    public HashSet<ItemKind>? ExcludeTypes { get; private init; }

    public bool ExcludeEverything { get; private init; }

    public bool? IsFolder { get; private init; }

    public bool? IsPlayed { get; private init; }

    public bool? IsResumable { get; private init; }

    public bool? IsFavorite { get; private init; }

    public IReadOnlyList<string>? Ids { get; private init; }

    /// <summary>
    /// MinDateLastSavedForUser (MinDateLastSaved when only that is given): items saved since then. Jellyfin compares
    /// the item's own DateLastSaved for both (added, re-scanned; a play does not save the item); Emby also counts
    /// the asking user's data of it (played, unplayed, position).
    /// </summary>
    public DateTime? MinDateLastSaved { get; private init; }

    public string? SearchTerm { get; private init; }

    public ItemFields Fields { get; private init; }

    public bool EnableUserData { get; private init; } = true;

    public int StartIndex { get; private init; }

    public int? Limit { get; private init; }

    public SortKey Sort { get; private init; }

    public bool SortGiven { get; private init; }

    public bool Descending { get; private init; }

    /// <summary>Reads the query; a malformed number or boolean is a 400 as in ASP.NET model binding.</summary>
    public static ItemQuery? TryParse(IQueryCollection q)
    {
        try
        {
            var filters = List(q, "Filters");
            var sortBy = List(q, "SortBy");
            var locations = List(q, "ExcludeLocationTypes");
            bool? isFolder = filters.Contains("IsFolder", StringComparer.OrdinalIgnoreCase) ? true
                : filters.Contains("IsNotFolder", StringComparer.OrdinalIgnoreCase) ? false : null;
            bool? isPlayed = Bool(q, "IsPlayed")
                ?? (filters.Contains("IsPlayed", StringComparer.OrdinalIgnoreCase) ? true
                    : filters.Contains("IsUnplayed", StringComparer.OrdinalIgnoreCase) ? false : null);
            var ids = List(q, "Ids");
            return new ItemQuery
            {
                ParentId = Text(q, "ParentId"),
                Recursive = Bool(q, "Recursive") ?? false,
                IncludeTypes = Types(List(q, "IncludeItemTypes")),
                ExcludeTypes = Types(List(q, "ExcludeItemTypes")),
                ExcludeEverything = locations.Contains("FileSystem", StringComparer.OrdinalIgnoreCase),
                IsFolder = Bool(q, "IsFolder") ?? isFolder,
                IsPlayed = isPlayed,
                IsResumable = filters.Contains("IsResumable", StringComparer.OrdinalIgnoreCase) ? true : null,
                IsFavorite = Bool(q, "IsFavorite") ?? (filters.Contains("IsFavorite", StringComparer.OrdinalIgnoreCase) ? true : null),
                Ids = ids.Count > 0 ? ids : null,
                MinDateLastSaved = Date(q, "MinDateLastSavedForUser") ?? Date(q, "MinDateLastSaved"),
                SearchTerm = Text(q, "SearchTerm"),
                Fields = ItemFieldsParser.Parse(q["Fields"]),
                EnableUserData = Bool(q, "EnableUserData") ?? true,
                StartIndex = Math.Max(0, Int(q, "StartIndex") ?? 0),
                Limit = Int(q, "Limit") is { } limit && limit >= 0 ? limit : null,
                Sort = sortBy.FirstOrDefault(IsSortKnown) switch
                {
                    { } key when key.Equals("DateCreated", StringComparison.OrdinalIgnoreCase) => SortKey.DateCreated,
                    { } key when key.Equals("DatePlayed", StringComparison.OrdinalIgnoreCase) => SortKey.DatePlayed,
                    _ => SortKey.SortName,
                },
                SortGiven = sortBy.Count > 0,
                Descending = List(q, "SortOrder").FirstOrDefault() is { } order
                    && order.Equals("Descending", StringComparison.OrdinalIgnoreCase),
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsSortKnown(string key) =>
        key.Equals("DateCreated", StringComparison.OrdinalIgnoreCase)
        || key.Equals("DatePlayed", StringComparison.OrdinalIgnoreCase)
        || key.Equals("SortName", StringComparison.OrdinalIgnoreCase)
        || key.Equals("Name", StringComparison.OrdinalIgnoreCase);

    private static string? Text(IQueryCollection q, string key) =>
        q.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) && v[0] is { Length: > 0 } s ? s : null;

    public static List<string> List(IQueryCollection q, string key) =>
        [.. q[key].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    public static bool? Bool(IQueryCollection q, string key) =>
        Text(q, key) is not { } s ? null
        : bool.TryParse(s, out var b) ? b
        : throw new FormatException($"{key} is not a boolean");

    /// <summary>ISO 8601 as ASP.NET binds a DateTime; a value without an offset counts as UTC.</summary>
    public static DateTime? Date(IQueryCollection q, string key) =>
        Text(q, key) is not { } s ? null
        : DateTime.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d
        : throw new FormatException($"{key} is not a date");

    public static int? Int(IQueryCollection q, string key) =>
        Text(q, key) is not { } s ? null
        : int.TryParse(s, out var n) ? n
        : throw new FormatException($"{key} is not a number");

    private static HashSet<ItemKind>? Types(List<string> names)
    {
        if (names.Count == 0)
        {
            return null;
        }

        var kinds = new HashSet<ItemKind>();
        foreach (var name in names)
        {
            if (!int.TryParse(name, out _) && Enum.TryParse<ItemKind>(name, ignoreCase: true, out var kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds;
    }
}
