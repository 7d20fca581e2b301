using WatchState.Domain;

namespace WatchState.Ignoring;

/// <summary>
/// The rules of <c>config/ignore.yaml</c> ready to apply. External-id rules are applied to every observation
/// (import, webhooks, live events) before it is matched, so a wrong id never creates or joins an item. Item rules
/// (<c>item://BACKEND?id=ITEM</c>) take a backend item out of sync altogether: <see cref="ItemRuleFor(Observation)"/>
/// is asked by import, webhooks and live events before anything is read from an observation, and
/// <see cref="ItemRuleFor(string, string, string?)"/> by export planning and the outbox before anything is written.
/// Both are set lookups, cheap enough for every item.
/// </summary>
public sealed class IgnoreRules
{
    private readonly ILookup<string, IgnoreRule> _byBackend;
    private readonly Dictionary<(string Backend, string Id), IgnoreRule> _items = [];

    public IgnoreRules(IEnumerable<IgnoreRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        _byBackend = list.Where(r => !r.IsItem).ToLookup(r => r.Backend, StringComparer.Ordinal);
        foreach (var rule in list.Where(r => r.IsItem && r.RemoteId is not null))
        {
            _items.TryAdd((rule.Backend, rule.RemoteId!), rule);
        }
    }

    public static IgnoreRules None { get; } = new([]);

    public bool IsEmpty => _byBackend.Count == 0 && _items.Count == 0;

    /// <summary>True when some item rule exists (callers skip their checks otherwise).</summary>
    public bool HasItemRules => _items.Count > 0;

    /// <summary>
    /// The item rule that takes this backend item out of sync: one naming the item itself or, for an episode, its
    /// show (<paramref name="showRemoteId"/>, the show's id on the same backend). Null when none does.
    /// </summary>
    public IgnoreRule? ItemRuleFor(string backend, string remoteId, string? showRemoteId = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(remoteId);
        if (_items.Count == 0)
        {
            return null;
        }

        if (_items.TryGetValue((backend, remoteId), out var rule))
        {
            return rule;
        }

        return showRemoteId is not null && _items.TryGetValue((backend, showRemoteId), out var show) ? show : null;
    }

    /// <summary>The item rule that drops this observation (nothing of it may be read or stored); null when none does.</summary>
    public IgnoreRule? ItemRuleFor(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return ItemRuleFor(observation.Backend, observation.RemoteId, observation.ShowRemoteId);
    }

    /// <summary>True when an item rule takes this backend item (or its show) out of sync.</summary>
    public bool IgnoresItem(string backend, string remoteId, string? showRemoteId = null) =>
        ItemRuleFor(backend, remoteId, showRemoteId) is not null;

    /// <summary>The reason shown where a dropped observation or write is listed (import counts, events:list, the outbox).</summary>
    public static string Reason(IgnoreRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return $"ignored item ({rule} in config/{IgnoreFile.FileName})";
    }

    /// <summary>The observation without the ids a rule drops; the same instance when no rule applies.</summary>
    public Observation Apply(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (_byBackend.Count == 0 || !_byBackend.Contains(observation.Backend))
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
