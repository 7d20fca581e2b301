using WatchState.Domain;

namespace WatchState.Ignoring;

/// <summary>
/// The rules of <c>config/ignore.yaml</c> ready to apply to what a backend says, before it is matched. Applied to
/// every observation (import, webhooks, live events), so a wrong id never creates or joins an item.
/// </summary>
public sealed class IgnoreRules
{
    private readonly ILookup<string, IgnoreRule> _byBackend;

    public IgnoreRules(IEnumerable<IgnoreRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _byBackend = rules.ToLookup(r => r.Backend, StringComparer.Ordinal);
    }

    public static IgnoreRules None { get; } = new([]);

    public bool IsEmpty => _byBackend.Count == 0;

    /// <summary>The observation without the ids a rule drops; the same instance when no rule applies.</summary>
    public Observation Apply(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (IsEmpty || !_byBackend.Contains(observation.Backend))
        {
            return observation;
        }

        var rules = _byBackend[observation.Backend];
        var ids = Keep(observation, observation.Ids, rules, showIds: false);
        var showIds = Keep(observation, observation.ShowIds, rules, showIds: true);
        return ids is null && showIds is null
            ? observation
            : observation with { Ids = ids ?? observation.Ids, ShowIds = showIds ?? observation.ShowIds };
    }

    // Null when nothing is dropped, so the common case allocates nothing.
    private static List<ExternalId>? Keep(Observation observation, IReadOnlyList<ExternalId> ids, IEnumerable<IgnoreRule> rules, bool showIds)
    {
        if (ids.Count == 0 || !ids.Any(id => rules.Any(r => r.Drops(observation, id, showIds))))
        {
            return null;
        }

        return [.. ids.Where(id => !rules.Any(r => r.Drops(observation, id, showIds)))];
    }
}
