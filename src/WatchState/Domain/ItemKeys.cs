using System.Globalization;

namespace WatchState.Domain;

/// <summary>
/// The matching keys under which an item is known across backends: <c>movie:imdb:tt0133093</c>,
/// <c>episode:tvdb:349232</c> and, for episodes, <c>episode:show/tvdb:81189/s1/e1</c> built from the show's ids.
/// </summary>
public static class ItemKeys
{
    /// <summary>
    /// Every key for an observed item, in id priority order, without duplicates. Empty when the item carries no
    /// usable ids (it can then only be matched by its backend's own remote id).
    /// </summary>
    public static IReadOnlyList<string> For(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var keys = new List<string>(observation.Ids.Count + observation.ShowIds.Count);
        if (observation.Type == MediaType.Movie)
        {
            AddOwn(keys, "movie", observation.Ids);
            return keys;
        }

        // The extra episodes of a multi-episode file share the file's ids, which belong to its first episode;
        // they are told apart only by their own episode number under the show.
        if (observation.Part == 0)
        {
            AddOwn(keys, "episode", observation.Ids);
        }

        var episode = observation.Part > 0 ? observation.Part : observation.Episode;
        if (observation.Season is >= 0 and var season && episode is >= 0)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $"/s{season}/e{episode}");
            foreach (var id in observation.ShowIds)
            {
                if (Value(id) is { } value)
                {
                    Add(keys, $"episode:show/{id.Source}:{value}{suffix}");
                }
            }
        }

        return keys;
    }

    private static void AddOwn(List<string> keys, string prefix, IReadOnlyList<ExternalId> ids)
    {
        foreach (var id in ids)
        {
            if (Value(id) is { } value)
            {
                Add(keys, $"{prefix}:{id.Source}:{value}");
            }
        }
    }

    private static string? Value(ExternalId id)
    {
        if (string.IsNullOrWhiteSpace(id.Source) || string.IsNullOrWhiteSpace(id.Value))
        {
            return null;
        }

        var value = id.Value.Trim();
        return ExternalIds.IsCaseInsensitive(id.Source) ? value.ToLowerInvariant() : value;
    }

    private static void Add(List<string> keys, string key)
    {
        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }
}
