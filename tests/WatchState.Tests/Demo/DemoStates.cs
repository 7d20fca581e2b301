using System.Globalization;
using System.Text;
using WatchState.Demo;
using WatchState.Simulator;

namespace WatchState.Tests.Demo;

/// <summary>Reads the demo's three simulated servers directly: the admin's play state of every item on each.</summary>
internal static class DemoStates
{
    /// <summary>"The Matrix", "Breaking Bad S01E01", …: every movie and episode of the sample library.</summary>
    public static IReadOnlyList<string> Titles(SimLibrary library) =>
    [
        .. library.Movies.Select(m => m.Title),
        .. library.Shows.SelectMany(s => s.Episodes.Select(e => string.Create(CultureInfo.InvariantCulture, $"{s.Title} S{e.Season:D2}E{e.Episode:D2}"))),
    ];

    /// <summary>The admin's state of each item as the library seeded it, by <see cref="Titles"/>' names; unplayed items are left out.</summary>
    public static Dictionary<string, SimPlayState> Seeded(SimLibrary library)
    {
        var videos = library.Movies.Cast<SimVideo>().Concat(library.Shows.SelectMany(s => s.Episodes)).ToList();
        return Titles(library).Zip(videos)
            .Where(p => p.Second.States.ContainsKey(DemoLibrary.Admin))
            .ToDictionary(p => p.First, p => p.Second.States[DemoLibrary.Admin], StringComparer.Ordinal);
    }

    public static SimPlayState OnPlex(DemoEnvironment demo, string title) =>
        demo.Plex.GetPlayState(DemoLibrary.Admin, demo.Plex.RatingKeyOf(title));

    public static SimPlayState OnJellyfin(DemoEnvironment demo, string title) =>
        demo.Jellyfin.GetPlayState(demo.Jellyfin.AdminUserId, demo.Jellyfin.ItemIdOf(title));

    public static SimPlayState OnEmby(DemoEnvironment demo, string title) =>
        demo.Emby.GetPlayState(demo.Emby.AdminUserId, demo.Emby.ItemIdOf(title));

    /// <summary>Watched on every server (true), on none (false), or disagreeing (null).</summary>
    public static bool? WatchedEverywhere(DemoEnvironment demo, string title)
    {
        var played = new[] { OnPlex(demo, title).Played, OnJellyfin(demo, title).Played, OnEmby(demo, title).Played };
        return played.All(p => p) ? true : played.Any(p => p) ? null : false;
    }

    /// <summary>"title: plex played/0:20:00, jellyfin …" per item where the three servers differ; empty when they agree.</summary>
    public static string Disagreements(DemoEnvironment demo, SimLibrary library)
    {
        var text = new StringBuilder();
        foreach (var title in Titles(library))
        {
            var states = new[] { OnPlex(demo, title), OnJellyfin(demo, title), OnEmby(demo, title) };
            if (states.Any(s => s.Played != states[0].Played || s.Position != states[0].Position))
            {
                text.Append(CultureInfo.InvariantCulture, $"{title}: plex {Show(states[0])}, jellyfin {Show(states[1])}, emby {Show(states[2])}\n");
            }
        }

        return text.ToString();
    }

    private static string Show(SimPlayState s) =>
        string.Create(CultureInfo.InvariantCulture, $"{(s.Played ? "played" : "unplayed")}/{s.Position}");
}

/// <summary>Collects what a running command prints, safe to read while it still writes.</summary>
internal sealed class LockedWriter : StringWriter
{
    private readonly Lock _gate = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            base.WriteLine(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            base.Write(buffer, index, count);
        }
    }
}
