using System.Globalization;
using WatchState.Identities;

namespace WatchState.Pages.History;

/// <summary>History URLs that keep the identity browsed (<c>main</c> is left out, so its links stay as they were).</summary>
internal static class HistoryLinks
{
    public static string List(string identity) => identity == IdentityFiles.Main ? "/history" : "/history?identity=" + Uri.EscapeDataString(identity);

    public static string Item(long id, string identity) => "/history/" + id.ToString(CultureInfo.InvariantCulture) + Query(identity, "?");

    /// <summary>A handler of the item page, e.g. <c>/history/5?handler=Mark&amp;identity=alice</c>.</summary>
    public static string Handler(long id, string handler, string identity) =>
        "/history/" + id.ToString(CultureInfo.InvariantCulture) + "?handler=" + handler + Query(identity, "&");

    private static string Query(string identity, string separator) =>
        identity == IdentityFiles.Main ? "" : separator + "identity=" + Uri.EscapeDataString(identity);
}
