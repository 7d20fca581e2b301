using WatchState.Storage;

namespace WatchState.Api.History;

/// <summary>A local item with its merged play state and what each backend last reported.</summary>
/// <param name="Type">movie or episode.</param>
/// <param name="DisplayTitle">"Breaking Bad S01E02" for an episode, the title for a movie.</param>
/// <param name="StateAt">When the watched state last changed.</param>
/// <param name="ProgressMs">Resume position in milliseconds; 0 for none.</param>
public sealed record ItemDto(
    long Id,
    string Type,
    string Title,
    string DisplayTitle,
    int? Year,
    string? SeriesTitle,
    int? Season,
    int? Episode,
    bool Watched,
    DateTimeOffset StateAt,
    long ProgressMs,
    DateTimeOffset? ProgressAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ViewDto> Backends)
{
    public static ItemDto From(ItemRow item, IReadOnlyList<ViewRow> views)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(views);
        return new(
            item.Id, item.Type.ToString().ToLowerInvariant(), item.Title, item.DisplayTitle, item.Year, item.SeriesTitle, item.Season, item.Episode,
            item.Watched, item.StateAt, item.ProgressMs, item.ProgressAt, item.UpdatedAt, [.. views.Select(ViewDto.From)]);
    }
}

/// <summary>What one backend last reported for an item.</summary>
/// <param name="Part">The episode's position in a multi-episode file; 0 otherwise.</param>
/// <param name="UpdatedAt">When this view was last seen changed.</param>
public sealed record ViewDto(
    string Backend, string RemoteId, int Part, bool Played, DateTimeOffset? PlayedAt, DateTimeOffset? AddedAt, long ProgressMs, int PlayCount, DateTimeOffset UpdatedAt)
{
    public static ViewDto From(ViewRow v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Backend, v.RemoteId, v.Part, v.Played, v.PlayedAt, v.AddedAt, v.ProgressMs, v.PlayCount, v.UpdatedAt);
    }
}

/// <summary>An item with its matching keys, per-backend views and every decision taken about it.</summary>
public sealed record ItemDetailsDto(ItemDto Item, IReadOnlyList<string> Keys, IReadOnlyList<DecisionDto> History)
{
    public static ItemDetailsDto From(ItemDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new(ItemDto.From(details.Item, details.Views), details.Keys, [.. details.History.Select(DecisionDto.Of)]);
    }
}

/// <summary>One applied or refused change of an item, with its reason ("why is this marked watched?").</summary>
/// <param name="Backend">The backend the change came from; null for a change made here (API, CLI).</param>
/// <param name="Kind">What brought it: import, webhook.scrobble, live, ui, ...</param>
/// <param name="Field">watched or progress.</param>
public sealed record DecisionDto(long Id, string? Backend, DateTimeOffset At, string Kind, string Field, bool Applied, string? From, string? To, string Reason)
{
    public static DecisionDto Of(HistoryRow h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(h.Id, h.Backend, h.At, h.Kind, h.Field, h.Applied, h.From, h.To, h.Reason);
    }
}

/// <summary>The answer to mark played/unplayed: what was decided, and the writes queued in the outbox.</summary>
/// <param name="Changed">False when the item already was in that state (the backends are still made to agree).</param>
public sealed record PlayStateChangeDto(long ItemId, bool Watched, bool Changed, IReadOnlyList<DecisionChangeDto> Changes, IReadOnlyList<QueuedWriteDto> Queued);

/// <summary>One change the reconciler applied or refused.</summary>
public sealed record DecisionChangeDto(string Field, bool Applied, string? From, string? To, string Reason);

/// <summary>A write waiting in the outbox; the export task (or POST /v1/api/tasks/export/run) sends it.</summary>
/// <param name="Change">played, unplayed, resume 0:42:00 or clear resume.</param>
public sealed record QueuedWriteDto(string Backend, string RemoteId, string Change, string Reason);
