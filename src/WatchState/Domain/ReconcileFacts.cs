namespace WatchState.Domain;

/// <summary>
/// An observation reduced to what the reconciler weighs: its times clamped to our clock, the play it claims and
/// whether its kind may speak about the watched flag at all.
/// </summary>
internal sealed record ReconcileFacts
{
    public required Observation Observation { get; init; }

    /// <summary>Play/pause/live events only carry positions; stops and scrobbles may only mark played.</summary>
    public required bool MayChangeWatched { get; init; }

    public required bool Played { get; init; }

    /// <summary>A user's deliberate unplay, which is its own proof.</summary>
    public required bool ExplicitUnplay { get; init; }

    /// <summary>The backend's played-at, clamped; null when it gave none.</summary>
    public required DateTimeOffset? PlayedAt { get; init; }

    /// <summary>The played-at used for a play: <see cref="PlayedAt"/> or a stand-in when the backend gave no date.</summary>
    public required DateTimeOffset EffectivePlayedAt { get; init; }

    /// <summary>Said when a play has no date of its own, so the history shows which stand-in was used.</summary>
    public required string? UndatedNote { get; init; }

    /// <summary>When the observation's resume position was set.</summary>
    public required DateTimeOffset ProgressAt { get; init; }

    /// <summary>Said when the backend's clock ran ahead of ours.</summary>
    public required string? SkewNote { get; init; }

    public DateTimeOffset ReceivedAt => Observation.ReceivedAt;

    public static ReconcileFacts From(Observation o, ReconcileOptions options)
    {
        var notes = new List<string>(2);
        var playedAt = Clamp(o.PlayedAt, o.ReceivedAt, "played-at", notes);
        var addedAt = Clamp(o.AddedAt, o.ReceivedAt, "added-at", notes);

        var played = o.Kind switch
        {
            ObservationKind.MarkPlayed => true,
            ObservationKind.MarkUnplayed => false,
            _ => o.Played,
        };

        DateTimeOffset effective;
        string? undated = null;
        if (playedAt is { } at)
        {
            effective = at;
        }
        else if (IsEvent(o.Kind) || options.FixPlayedWithoutDate)
        {
            // An event happens as we receive it; the fix option makes listings say the same.
            effective = o.ReceivedAt;
            undated = "played without a date, using the receive time";
        }
        else
        {
            effective = addedAt ?? o.ReceivedAt;
            undated = addedAt is null
                ? "played without a date, using the receive time"
                : "played without a date, using the added date";
        }

        return new ReconcileFacts
        {
            Observation = o,
            // A stop or scrobble may finish an item, never unfinish it: a stop midway says nothing about whether
            // the item was watched before, and Plex/Tautulli report a reset (dateless) state after an unwatch.
            MayChangeWatched = o.Kind switch
            {
                ObservationKind.WebhookPlay or ObservationKind.WebhookPause or ObservationKind.Live => false,
                ObservationKind.WebhookStop or ObservationKind.WebhookScrobble => played,
                _ => true,
            },
            Played = played,
            ExplicitUnplay = !played
                && (o.Kind == ObservationKind.MarkUnplayed || (o.Explicit && o.Kind is ObservationKind.Ui or ObservationKind.Restore)),
            PlayedAt = playedAt,
            EffectivePlayedAt = effective,
            UndatedNote = played ? undated : null,
            ProgressAt = playedAt ?? o.ReceivedAt,
            SkewNote = notes.Count == 0 ? null : "clock skew: " + string.Join("; ", notes),
        };
    }

    private static bool IsEvent(ObservationKind kind) => kind is not (ObservationKind.Import or ObservationKind.Restore);

    private static DateTimeOffset? Clamp(DateTimeOffset? value, DateTimeOffset receivedAt, string name, List<string> notes)
    {
        if (value is { } v && v > receivedAt)
        {
            notes.Add($"{name} {ChangeText.Time(v)} is after the receive time, clamped to {ChangeText.Time(receivedAt)}");
            return receivedAt;
        }

        return value;
    }
}
