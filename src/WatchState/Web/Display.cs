using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace WatchState.Web;

/// <summary>How the pages write times and positions: relative ("5 min ago") with the exact UTC time on hover.</summary>
public static class Display
{
    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } time)
        {
            return "never";
        }

        var span = now - time;
        if (span < TimeSpan.Zero)
        {
            return "in " + Span(-span);
        }

        return span < TimeSpan.FromSeconds(45) ? "just now" : Span(span) + " ago";
    }

    /// <summary>A &lt;time&gt; element: relative text, the exact time as its tooltip.</summary>
    public static IHtmlContent Time(DateTimeOffset? at, DateTimeOffset now)
    {
        var html = new HtmlContentBuilder();
        if (at is not { } time)
        {
            return html.AppendHtml("<span class=\"muted\">never</span>");
        }

        return html.AppendHtml("<time datetime=\"")
            .Append(time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))
            .AppendHtml("\" title=\"")
            .Append(Exact(time))
            .AppendHtml("\">")
            .Append(Ago(time, now))
            .AppendHtml("</time>");
    }

    public static string Exact(DateTimeOffset? at) =>
        at is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "";

    /// <summary>A resume position as h:mm:ss (or m:ss under an hour).</summary>
    public static string Position(long milliseconds)
    {
        var time = TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        return time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{time.Minutes}:{time.Seconds:00}");
    }

    private static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => $"{(int)span.TotalSeconds} s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        { TotalDays: < 1 } => $"{(int)span.TotalHours} h",
        { TotalDays: < 60 } => $"{(int)span.TotalDays} d",
        _ => $"{(int)(span.TotalDays / 30)} months",
    };
}
