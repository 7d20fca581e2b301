using Cronos;
using WatchState.Sync;

namespace WatchState.Tests.Sync;

public class ImportModeTests
{
    private static readonly CronExpression Weekly = CronExpression.Parse("0 3 * * 0");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Tuesday.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static ImportMode Choose(DateTimeOffset? cursor, DateTimeOffset? lastFull, bool forceFull = false, bool canFilter = true, TimeZoneInfo? zone = null) =>
        ImportMode.Choose(forceFull, cursor, lastFull, canFilter, Weekly, zone ?? TimeZoneInfo.Utc, Now);

    [Fact]
    public void With_recent_cursors_only_the_changes_since_the_cursor_are_read()
    {
        var mode = Choose(Now.AddHours(-1), Now.AddDays(-1));

        Assert.False(mode.Full);
        Assert.Equal(Now.AddHours(-1), mode.Since);
        Assert.Equal("incremental since 2026-11-24 11:00", mode.Describe(TimeZoneInfo.Utc));
        Assert.Equal("incremental since 2026-11-24 12:00", mode.Describe(Berlin));
    }

    [Theory]
    [InlineData(true, true, true, "forced")]
    [InlineData(false, false, true, "first import")]
    [InlineData(false, true, false, "no full import on record")]
    public void A_full_read_says_why(bool forceFull, bool hasCursor, bool hasFull, string reason)
    {
        var mode = Choose(hasCursor ? Now.AddHours(-1) : null, hasFull ? Now.AddDays(-1) : null, forceFull);

        Assert.True(mode.Full);
        Assert.Equal($"full ({reason})", mode.Describe(TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_server_that_cannot_list_changes_is_always_read_fully()
    {
        Assert.True(Choose(Now.AddHours(-1), Now.AddDays(-1), canFilter: false).Full);
    }

    [Fact]
    public void The_schedule_is_due_once_an_occurrence_passed_since_the_last_full_import_in_ws_tz()
    {
        // Last full import Sunday 02:30 UTC = 03:30 in Berlin: 03:00 UTC came after it, 03:00 Berlin did not.
        var sundayNight = new DateTimeOffset(2026, 11, 22, 2, 30, 0, TimeSpan.Zero);

        var inUtc = Choose(Now.AddHours(-1), sundayNight);
        var inBerlin = Choose(Now.AddHours(-1), sundayNight, zone: Berlin);

        Assert.True(inUtc.Full);
        Assert.Equal("full (scheduled, due 2026-11-22 03:00)", inUtc.Describe(TimeZoneInfo.Utc));
        Assert.False(inBerlin.Full, "the next 03:00 in Berlin is a week later");
        Assert.False(Choose(Now.AddHours(-1), new DateTimeOffset(2026, 11, 22, 3, 30, 0, TimeSpan.Zero)).Full);
    }
}
