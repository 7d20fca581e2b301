using WatchState.Domain;

namespace WatchState.Ignoring;

/// <summary>
/// One entry of <c>config/ignore.yaml</c> in WatchState's form <c>TYPE://SOURCE:ID@BACKEND[?id=ITEM]</c>: the external
/// id <c>SOURCE:ID</c> that <c>BACKEND</c> reports for a <c>TYPE</c> (movie, show or episode) is dropped before
/// matching, on every item of that backend or, with <c>?id=</c>, only on that backend item. It fixes a wrong match
/// (a server that tagged the wrong film) without touching the server.
/// </summary>
public sealed record IgnoreRule(string Type, string Source, string Id, string Backend, string? RemoteId)
{
    public static readonly IReadOnlyList<string> Types = ["movie", "show", "episode"];

    public override string ToString() => $"{Type}://{Source}:{Id}@{Backend}{(RemoteId is null ? "" : "?id=" + RemoteId)}";

    /// <summary>The same rule for every item of the backend (without <c>?id=</c>).</summary>
    public IgnoreRule Global => this with { RemoteId = null };

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

    /// <summary>Reads <c>movie://imdb:tt0133093@plex</c> (or <c>…?id=123</c>); the error says which part is wrong.</summary>
    public static bool TryParse(string? text, out IgnoreRule rule, out string error)
    {
        rule = null!;
        text = text?.Trim() ?? "";
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            error = "expected TYPE://SOURCE:ID@BACKEND[?id=ITEM], e.g. movie://imdb:tt0133093@my_plex";
            return false;
        }

        var type = text[..scheme].ToLowerInvariant();
        if (!Types.Contains(type))
        {
            error = $"unknown type '{type}'; expected one of {string.Join(", ", Types)}";
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
}
