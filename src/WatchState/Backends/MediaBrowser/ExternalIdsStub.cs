namespace WatchState.Domain;

// TEMPORARY: stands in for Domain/ExternalIds.cs from the `domain` branch; delete this file when merging it.
public static class ExternalIds
{
    public static IReadOnlyList<ExternalId> FromProviderIds(IEnumerable<KeyValuePair<string, string?>> providerIds)
    {
        ArgumentNullException.ThrowIfNull(providerIds);
        var result = new List<ExternalId>();
        foreach (var (key, value) in providerIds)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var source = key.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            if (source is "imdb" or "tmdb" or "tvdb" or "tvmaze" or "tvrage" or "anidb")
            {
                result.Add(new ExternalId(source, value.Trim()));
            }
        }

        return result;
    }
}
