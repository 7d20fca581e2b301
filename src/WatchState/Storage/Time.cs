namespace WatchState.Storage;

/// <summary>Times are stored as Unix milliseconds (UTC); converted only here.</summary>
internal static class Time
{
    public static long ToDb(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static object ToDb(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static DateTimeOffset FromDb(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromDbNullable(object value) => value is long v ? FromDb(v) : null;
}
