using WatchState.Backends;
using WatchState.Domain;

namespace WatchState.Export;

/// <summary>How a write is named in tables, JSON and the outbox (stable names: they are stored).</summary>
public static class WriteText
{
    public static string Describe(RemoteWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write.Kind switch
        {
            RemoteWriteKind.MarkPlayed => "played",
            RemoteWriteKind.MarkUnplayed => "unplayed",
            RemoteWriteKind.SetProgress => "resume " + ChangeText.Position(write.PositionMs),
            RemoteWriteKind.ClearProgress => "clear resume",
            _ => throw new ArgumentOutOfRangeException(nameof(write), write.Kind, null),
        };
    }

    public static string KindName(RemoteWriteKind kind) => kind switch
    {
        RemoteWriteKind.MarkPlayed => "mark_played",
        RemoteWriteKind.MarkUnplayed => "mark_unplayed",
        RemoteWriteKind.SetProgress => "set_progress",
        RemoteWriteKind.ClearProgress => "clear_progress",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static RemoteWriteKind ParseKind(string name) => name switch
    {
        "mark_played" => RemoteWriteKind.MarkPlayed,
        "mark_unplayed" => RemoteWriteKind.MarkUnplayed,
        "set_progress" => RemoteWriteKind.SetProgress,
        "clear_progress" => RemoteWriteKind.ClearProgress,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown write kind"),
    };
}
