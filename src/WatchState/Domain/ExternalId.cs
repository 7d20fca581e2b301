namespace WatchState.Domain;

/// <summary>An id of an item in an outside database, such as <c>imdb</c> <c>tt0133093</c>.</summary>
/// <param name="Source">Normalised lower-case source name (<c>imdb</c>, <c>tmdb</c>, <c>tvdb</c>, …).</param>
/// <param name="Value">The id as that source writes it.</param>
public readonly record struct ExternalId(string Source, string Value)
{
    public override string ToString() => $"{Source}://{Value}";
}
