using System.Globalization;

namespace WatchState.Domain;

/// <summary>How states are written in history: plain words, UTC times, h:mm:ss positions.</summary>
internal static class ChangeText
{
    public const string Watched = "watched";
    public const string Unwatched = "unwatched";

    public static string Flag(bool watched) => watched ? Watched : Unwatched;

    public static string WatchedAt(DateTimeOffset at) => $"watched at {Time(at)}";

    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Position(long ms)
    {
        var t = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        return string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}");
    }

    public static string With(string reason, string? note) => note is null ? reason : $"{reason} ({note})";
}
