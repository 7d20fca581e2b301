namespace WatchState.Webhooks;

/// <summary>
/// When a stop counts as a finished play: at 90 % of the runtime, the point where Plex scrobbles and Jellyfin
/// and Emby mark an item played themselves.
/// </summary>
internal static class PlayedThreshold
{
    public const double Fraction = 0.9;

    public static bool Reached(long positionMs, long? durationMs) =>
        durationMs is > 0 && positionMs >= durationMs.Value * Fraction;
}
