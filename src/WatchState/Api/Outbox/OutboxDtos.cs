using WatchState.Export;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Api.Outbox;

/// <summary>A write to a media server, queued or finished.</summary>
/// <param name="Change">played, unplayed, resume 0:42:00 or clear resume.</param>
/// <param name="Status">pending, done, failed or dropped.</param>
/// <param name="LastError">Why the last attempt failed.</param>
public sealed record OutboxDto(
    long Id,
    string Backend,
    long ItemId,
    string Title,
    string RemoteId,
    string Change,
    string Reason,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string Status,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OutboxDto From(OutboxEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.Id, e.Backend, e.ItemId, e.Title, e.Write.RemoteId, WriteText.Describe(e.Write), e.Reason, e.Attempts, e.NextAttemptAt,
            e.Status.ToString().ToLowerInvariant(), e.LastError, e.CreatedAt, e.UpdatedAt);
    }
}

/// <summary>A received webhook or live event, as the inbox keeps it.</summary>
/// <param name="Status">pending, applied, ignored or failed.</param>
/// <param name="Backends">The backends it was matched to.</param>
public sealed record EventDto(
    long Id, DateTimeOffset ReceivedAt, string Source, string Event, string Status, string? Reason, string? Backends, int Attempts, DateTimeOffset? DoneAt)
{
    public static EventDto From(InboxEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.ReceivedAt, e.Source, e.Event, e.Status, e.Reason, e.Backends, e.Attempts, e.DoneAt);
    }
}

/// <summary>An event with its raw body and what the parser makes of it.</summary>
/// <param name="Body">The body as indented text (JSON; for a multipart Plex webhook, its payload field), with the values of token-like fields hidden.</param>
/// <param name="Parsed">Null when the body cannot be parsed; <see cref="ParseError"/> says why.</param>
public sealed record EventDetailsDto(EventDto Event, string ContentType, string? UserAgent, string? Body, ParsedEventDto? Parsed, string? ParseError);

/// <summary>What a parser read from an event.</summary>
/// <param name="ServerType">plex, jellyfin or emby.</param>
public sealed record ParsedEventDto(string ServerType, string? ServerId, string? UserId, string? Note, IReadOnlyList<ParsedObservationDto> Observations)
{
    public static ParsedEventDto From(ParsedWebhook parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new(
            parsed.ServerType.ToString().ToLowerInvariant(),
            parsed.ServerId,
            parsed.UserId,
            parsed.Note,
            [.. parsed.Observations.Select(o => new ParsedObservationDto(
                o.Kind.ToString(), o.Type.ToString().ToLowerInvariant(), o.RemoteId, o.Title, o.SeriesTitle, o.Season, o.Episode,
                o.Played, o.PlayedAt, o.ProgressMs, [.. o.Ids.Select(i => i.ToString())]))]);
    }
}

/// <summary>One observation an event carries.</summary>
public sealed record ParsedObservationDto(
    string Kind, string Type, string RemoteId, string Title, string? SeriesTitle, int? Season, int? Episode, bool Played, DateTimeOffset? PlayedAt,
    long ProgressMs, IReadOnlyList<string> Ids);
