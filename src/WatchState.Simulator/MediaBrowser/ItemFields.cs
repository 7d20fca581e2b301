namespace WatchState.Simulator.MediaBrowser;

/// <summary>The <c>Fields=</c> values that gate properties of an item (Jellyfin's ItemFields, the ones simulated).</summary>
[Flags]
internal enum ItemFields : long
{
    None = 0,
    DateCreated = 1L << 0,
    OriginalTitle = 1L << 1,
    Etag = 1L << 2,
    CanDelete = 1L << 3,
    CanDownload = 1L << 4,
    SortName = 1L << 5,
    ExternalUrls = 1L << 6,
    MediaSources = 1L << 7,
    ProductionLocations = 1L << 8,
    Path = 1L << 9,
    EnableMediaSourceDisplay = 1L << 10,
    Overview = 1L << 11,
    Taglines = 1L << 12,
    Genres = 1L << 13,
    PlayAccess = 1L << 14,
    RemoteTrailers = 1L << 15,
    ProviderIds = 1L << 16,
    ParentId = 1L << 17,
    People = 1L << 18,
    Studios = 1L << 19,
    LocalTrailerCount = 1L << 20,
    ChildCount = 1L << 21,
    SpecialFeatureCount = 1L << 22,
    DisplayPreferencesId = 1L << 23,
    Tags = 1L << 24,
    MediaStreams = 1L << 25,
    Chapters = 1L << 26,
    Trickplay = 1L << 27,
    SeriesStudio = 1L << 28,
    Settings = 1L << 29,
    DateLastMediaAdded = 1L << 30,
    All = (1L << 31) - 1,
}

internal static class ItemFieldsParser
{
    /// <summary>Reads every <c>Fields</c> value (comma lists, repeated keys, any case); unknown names are ignored as the servers do.</summary>
    public static ItemFields Parse(IEnumerable<string?> values)
    {
        var fields = ItemFields.None;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Enum.TryParse<ItemFields>(name, ignoreCase: true, out var field) && field != ItemFields.All
                    && !int.TryParse(name, out _))
                {
                    fields |= field;
                }
            }
        }

        return fields;
    }
}
