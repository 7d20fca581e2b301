using WatchState.Domain;

namespace WatchState.Ignoring;

/// <summary>
/// One entry of <c>config/ignore.yaml</c>. Either WatchState's form <c>TYPE://SOURCE:ID@BACKEND[?id=ITEM]</c>: the
/// external id <c>SOURCE:ID</c> that <c>BACKEND</c> reports for a <c>TYPE</c> (movie, show or episode) is dropped
/// before matching, on every item of that backend or, with <c>?id=</c>, only on that backend item. It fixes a wrong
/// match (a server that tagged the wrong film) without touching the server. Or an item rule
/// <c>item://BACKEND?id=ITEM</c> (<see cref="IsItem"/>): that backend item, or every episode of that show, takes no
/// part in sync at all.
/// </summary>
public sealed record IgnoreRule(string Type, string Source, string Id, string Backend, string? RemoteId)
{
    /// <summary>The types of external-id rules.</summary>
    public static readonly IReadOnlyList<string> Types = ["movie", "show", "episode"];

    /// <summary>The scheme of item rules. No WatchState rule has it, and WatchState only looks up keys it builds itself.</summary>
    public const string ItemType = "item";

    private const string ItemForm = "item://BACKEND?id=ITEM";

    /// <summary>A rule that takes the backend item (a movie, an episode, or a show with all its episodes) out of sync.</summary>
    public static IgnoreRule ForItem(string backend, string itemId) => new(ItemType, "", "", backend, itemId);

    /// <summary>True for <c>item://BACKEND?id=ITEM</c>; false for a rule about an external id.</summary>
    public bool IsItem => Type == ItemType;

    public override string ToString() => IsItem
        ? $"{ItemType}://{Backend}?id={Uri.EscapeDataString(RemoteId ?? "")}"
        : $"{Type}://{Source}:{Id}@{Backend}{(RemoteId is null ? "" : "?id=" + RemoteId)}";

    /// <summary>The same rule for every item of the backend (without <c>?id=</c>); an item rule has no such form.</summary>
    public IgnoreRule Global => IsItem ? this : this with { RemoteId = null };

    /// <summary>True when this rule removes <paramref name="id"/> from what <paramref name="observation"/> says.</summary>
    internal bool Drops(Observation observation, ExternalId id, bool showId)
    {
        var type = showId ? "show" : observation.Type == MediaType.Movie ? "movie" : "episode";
        return Type == type
            && string.Equals(Source, id.Source, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Id, id.Value, StringComparison.OrdinalIgnoreCase)
            && Backend == observation.Backend
            && (RemoteId is null || RemoteId == observation.RemoteId);
    }

    /// <summary>
    /// Reads <c>movie://imdb:tt0133093@plex</c> (or <c>…?id=123</c>) or <c>item://plex?id=123</c>; the error says which
    /// part is wrong.
    /// </summary>
    public static bool TryParse(string? text, out IgnoreRule rule, out string error)
    {
        rule = null!;
        text = text?.Trim() ?? "";
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            error = $"expected TYPE://SOURCE:ID@BACKEND[?id=ITEM] (e.g. movie://imdb:tt0133093@my_plex) or {ItemForm}";
            return false;
        }

        var type = text[..scheme].ToLowerInvariant();
        if (type == ItemType)
        {
            return TryParseItem(text[(scheme + 3)..], out rule, out error);
        }

        if (!Types.Contains(type))
        {
            error = $"unknown type '{type}'; expected one of {string.Join(", ", Types)}, {ItemType}";
            return false;
        }

        var rest = text[(scheme + 3)..];
        string? remoteId = null;
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            var parameter = rest[(query + 1)..];
            if (!parameter.StartsWith("id=", StringComparison.Ordinal) || parameter.Length == 3)
            {
                error = "the only query allowed is ?id=ITEM (the item's id on that backend)";
                return false;
            }

            remoteId = Uri.UnescapeDataString(parameter[3..]);
            rest = rest[..query];
        }

        var at = rest.LastIndexOf('@');
        var colon = at < 0 ? -1 : rest.IndexOf(':', StringComparison.Ordinal);
        if (at < 0 || at == rest.Length - 1)
        {
            error = "no backend: add @BACKEND after the id";
            return false;
        }

        if (colon <= 0 || colon > at || colon == at - 1)
        {
            error = "no external id: write SOURCE:ID (e.g. imdb:tt0133093) before the @";
            return false;
        }

        rule = new IgnoreRule(type, rest[..colon].ToLowerInvariant(), rest[(colon + 1)..at], rest[(at + 1)..], remoteId);
        error = "";
        return true;
    }

    private static bool TryParseItem(string rest, out IgnoreRule rule, out string error)
    {
        rule = null!;
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var backend = query < 0 ? rest : rest[..query];
        if (backend.Contains('@', StringComparison.Ordinal) || backend.Contains(':', StringComparison.Ordinal))
        {
            error = $"an item rule names no external id: write {ItemForm}";
            return false;
        }

        if (backend.Length == 0 || backend.Contains('/', StringComparison.Ordinal))
        {
            error = $"no backend: write {ItemForm}";
            return false;
        }

        if (query < 0 || !TryQueryId(rest[(query + 1)..], out var itemId))
        {
            error = $"no item: write {ItemForm} (ITEM is the item's id on that backend)";
            return false;
        }

        rule = ForItem(backend, itemId);
        error = "";
        return true;
    }

    private static bool TryQueryId(string query, out string id)
    {
        id = "";
        if (!query.StartsWith("id=", StringComparison.Ordinal) || query.Length == 3 || query.Contains('&', StringComparison.Ordinal))
        {
            return false;
        }

        id = Uri.UnescapeDataString(query[3..]);
        return id.Trim().Length > 0;
    }
}
