using WatchState.Configuration;
using WatchState.Simulator;

namespace WatchState.Tests.Faults;

/// <summary>One simulated server of either family, with the paths the fault tests aim at.</summary>
internal sealed class Servers : IAsyncDisposable
{
    public static readonly string[] Kinds = ["jellyfin", "plex"];

    private readonly MediaBrowserSimulator? _mediaBrowser;
    private readonly PlexSimulator? _plex;

    private Servers(MediaBrowserSimulator? mediaBrowser, PlexSimulator? plex)
    {
        _mediaBrowser = mediaBrowser;
        _plex = plex;
    }

    public SimulatorFaults Faults => _mediaBrowser?.Faults ?? _plex!.Faults;

    public BackendConfig Backend => _mediaBrowser is { } mb
        ? FaultHarness.Backend(mb.Flavor == MediaBrowserFlavor.Emby ? "emby" : "jf", mb)
        : FaultHarness.Backend("plex", _plex!);

    /// <summary>Where play state is written (mark played).</summary>
    public string WritePath => _mediaBrowser is not null ? "/Users/*/PlayedItems" : "/:/scrobble";

    /// <summary>Where items are read by id (before and after writing, and for live events).</summary>
    public string ReadPath => _mediaBrowser is not null ? "/Users/*/Items" : "/library/metadata";

    /// <summary>The library listing (every page).</summary>
    public string ListingPath => _mediaBrowser is not null ? "/Users/*/Items" : "/library/sections/*/all";

    /// <summary>Picks the listing's second page (two items per page).</summary>
    public string SecondPage => _mediaBrowser is not null ? "StartIndex=2&" : "X-Plex-Container-Start=2&";

    public static async Task<Servers> StartAsync(string kind, string library, TimeProvider? clock = null)
    {
        var ct = TestContext.Current.CancellationToken;
        return kind switch
        {
            "jellyfin" => new Servers(
                await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions { Library = SimLibrary.Parse(library), TimeProvider = clock ?? TimeProvider.System }, ct), null),
            "emby" => new Servers(
                await MediaBrowserSimulator.StartAsync(
                    new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(library), TimeProvider = clock ?? TimeProvider.System }, ct),
                null),
            "plex" => new Servers(
                null, await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(library), TimeProvider = clock ?? TimeProvider.System }, ct)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "jellyfin, emby or plex"),
        };
    }

    public void MarkPlayed(string title, DateTimeOffset at)
    {
        if (_mediaBrowser is { } mb)
        {
            mb.MarkPlayed(mb.AdminUserId, mb.ItemIdOf(title), at);
        }
        else
        {
            _plex!.Scrobble("admin", _plex.RatingKeyOf(title));
        }
    }

    public bool Played(string title) => _mediaBrowser is { } mb
        ? mb.GetPlayState(mb.AdminUserId, mb.ItemIdOf(title)).Played
        : _plex!.GetPlayState("admin", _plex.RatingKeyOf(title)).Played;

    public async ValueTask DisposeAsync()
    {
        if (_mediaBrowser is not null)
        {
            await _mediaBrowser.DisposeAsync();
        }

        if (_plex is not null)
        {
            await _plex.DisposeAsync();
        }
    }
}
