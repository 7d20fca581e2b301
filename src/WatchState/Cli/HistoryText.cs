using System.Globalization;
using WatchState.Domain;

namespace WatchState.Cli;

/// <summary>How times and positions read in history output.</summary>
internal static class HistoryText
{
    /// <summary>The Reconciler dates a state it knows no time for at the epoch; show that as unknown.</summary>
    public static DateTimeOffset? KnownTime(DateTimeOffset value) => value <= ItemState.UnknownTime ? null : value;

    public static string Time(DateTimeOffset? value, TimeZoneInfo zone) => value is { } v && v > ItemState.UnknownTime
        ? TimeZoneInfo.ConvertTime(v, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : "-";

    public static string Position(long milliseconds) => milliseconds <= 0
        ? "-"
        : TimeSpan.FromMilliseconds(milliseconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
