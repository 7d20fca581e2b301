using System.Globalization;
using System.Text;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// The requests we send. Jellyfin and Emby share the legacy user-scoped routes, which Jellyfin keeps for
/// compatibility (still present in 12.0).
/// </summary>
internal static class MediaBrowserPaths
{
    public const string SystemInfo = "System/Info";
    public const string Users = "Users";

    private const string ItemFields = "ProviderIds,DateCreated,Path,OriginalTitle,PremiereDate,ProductionYear";

    public static string User(string userId) => $"Users/{Escape(userId)}";

    public static string Views(string userId) => $"Users/{Escape(userId)}/Views";

    /// <summary>Every series under a library, for the show ids that the episodes themselves lack.</summary>
    public static string Series(string userId, string libraryId) =>
        $"Users/{Escape(userId)}/Items?ParentId={Escape(libraryId)}&Recursive=true&IncludeItemTypes=Series"
        + "&Fields=ProviderIds&EnableUserData=false&EnableImages=false";

    /// <summary>Items by id; used for series that the library listing did not name.</summary>
    public static string ItemsByIds(string userId, IEnumerable<string> ids) =>
        $"Users/{Escape(userId)}/Items?Ids={Join(ids)}&Fields=ProviderIds&EnableUserData=false&EnableImages=false";

    public const string Sessions = "Sessions";

    /// <summary>Movies and episodes by id with the configured user's play state; unknown ids are simply left out.</summary>
    public static string PlayStateByIds(string userId, IEnumerable<string> ids) =>
        $"Users/{Escape(userId)}/Items?Ids={Join(ids)}&EnableUserData=true&EnableImages=false&Fields={ItemFields}";

    /// <summary><c>POST</c> marks played (with <c>DatePlayed</c> when given), <c>DELETE</c> unplayed.</summary>
    public static string PlayedItem(string userId, string itemId, string? datePlayed) =>
        $"Users/{Escape(userId)}/PlayedItems/{Escape(itemId)}" + (datePlayed is null ? string.Empty : $"?DatePlayed={Escape(datePlayed)}");

    public static string UserData(string userId, string itemId) => $"Users/{Escape(userId)}/Items/{Escape(itemId)}/UserData";

    /// <summary>Emby's legacy playback report, which is how Emby accepts a resume point going back to zero.</summary>
    public static string ResetProgress(string userId, string itemId) =>
        $"Users/{Escape(userId)}/PlayingItems/{Escape(itemId)}/Progress?MediaSourceId={Escape(itemId)}"
        + "&PositionTicks=0&IsPaused=true&PlayMethod=DirectPlay";

    /// <summary>One page of a library's movies and episodes, oldest first so paging stays stable while items are added.</summary>
    /// <param name="since">Only items saved for the user since then (<c>MinDateLastSavedForUser</c>, ISO 8601 UTC).</param>
    public static string ItemsPage(string userId, string libraryId, int startIndex, int limit, DateTimeOffset? since = null) =>
        $"Users/{Escape(userId)}/Items?ParentId={Escape(libraryId)}&Recursive=true&IncludeItemTypes=Movie,Episode"
        + "&Filters=IsNotFolder&ExcludeLocationTypes=Virtual&SortBy=DateCreated,SortName&SortOrder=Ascending"
        + (since is { } s ? $"&MinDateLastSavedForUser={Escape(s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}" : string.Empty)
        + $"&EnableUserData=true&EnableImages=false&Fields={ItemFields}&StartIndex={startIndex}&Limit={limit}";

    /// <summary>
    /// One page of a library's movies and episodes, the asking user's most recently played first
    /// (<c>SortBy=DatePlayed</c> orders by the user's LastPlayedDate): plays and playback progress stamp that date.
    /// </summary>
    public static string RecentlyPlayedPage(string userId, string libraryId, int startIndex, int limit) =>
        $"Users/{Escape(userId)}/Items?ParentId={Escape(libraryId)}&Recursive=true&IncludeItemTypes=Movie,Episode"
        + "&Filters=IsNotFolder&ExcludeLocationTypes=Virtual&SortBy=DatePlayed,SortName&SortOrder=Descending"
        + $"&EnableUserData=true&EnableImages=false&Fields={ItemFields}&StartIndex={startIndex}&Limit={limit}";

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Join(IEnumerable<string> ids)
    {
        var joined = new StringBuilder();
        foreach (var id in ids)
        {
            joined.Append(joined.Length == 0 ? string.Empty : ",").Append(Escape(id));
        }

        return joined.ToString();
    }
}
