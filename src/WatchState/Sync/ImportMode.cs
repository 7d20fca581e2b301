using System.Globalization;
using Cronos;

namespace WatchState.Sync;

/// <summary>How one backend is read in one import run.</summary>
/// <param name="Full">Every item (true), or only what the server says changed since <paramref name="Since"/>.</param>
/// <param name="Since">The cursor an incremental run reads from (before the clock-skew margin is taken off).</param>
/// <param name="Reason">Why a full read: forced, first import, schedule, or the server cannot filter.</param>
public sealed record ImportMode(bool Full, DateTimeOffset? Since, string Reason)
{
    /// <summary>
    /// Taken off the cursor before asking a server for changes: the cursor is our clock, the server filters by its
    /// own, and a few minutes of skew (or a change saved while the last run was starting) must not be lost.
    /// Re-reading a few minutes of changes costs nothing: unchanged items write nothing.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>"full (forced)" or "incremental since 2026-11-24 10:00" in the given zone.</summary>
    public string Describe(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Since is { } since && !Full
            ? string.Create(CultureInfo.InvariantCulture, $"incremental since {TimeZoneInfo.ConvertTime(since, zone):yyyy-MM-dd HH:mm}")
            : $"full ({Reason})";
    }

    /// <summary>Chooses full or incremental for one backend.</summary>
    /// <param name="cursor">When the last successful import of the backend started, if any.</param>
    /// <param name="lastFull">When the last successful full import of the backend finished, if any.</param>
    /// <param name="canFilter">Whether the backend can list only changes.</param>
    /// <param name="schedule">WS_CRON_IMPORT_FULL_AT: a full import is due once an occurrence passed since <paramref name="lastFull"/>.</param>
    public static ImportMode Choose(
        bool forceFull,
        DateTimeOffset? cursor,
        DateTimeOffset? lastFull,
        bool canFilter,
        CronExpression? schedule,
        TimeZoneInfo zone,
        DateTimeOffset now)
    {
        if (forceFull)
        {
            return new ImportMode(true, null, "forced");
        }

        if (cursor is null)
        {
            return new ImportMode(true, null, "first import");
        }

        if (lastFull is null)
        {
            return new ImportMode(true, null, "no full import on record");
        }

        if (!canFilter)
        {
            return new ImportMode(true, null, "the server cannot list changes");
        }

        if (schedule?.GetNextOccurrence(lastFull.Value, zone) is { } due && due <= now)
        {
            return new ImportMode(true, null, string.Create(CultureInfo.InvariantCulture, $"scheduled, due {TimeZoneInfo.ConvertTime(due, zone):yyyy-MM-dd HH:mm}"));
        }

        return new ImportMode(false, cursor, "changes only");
    }
}
