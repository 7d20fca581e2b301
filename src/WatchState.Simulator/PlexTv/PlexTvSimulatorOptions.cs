namespace WatchState.Simulator;

/// <summary>
/// How a <see cref="PlexTvSimulator"/> presents the users of one simulated Plex server: every library user is a
/// Plex Home profile unless listed in <see cref="SharedUsers"/>.
/// </summary>
public sealed class PlexTvSimulatorOptions
{
    /// <summary>Users the server is shared with (invited friends outside the owner's Home).</summary>
    public IReadOnlyCollection<string> SharedUsers { get; init; } = [];

    /// <summary>PINs of protected home profiles, by user name.</summary>
    public IReadOnlyDictionary<string, string> Pins { get; init; } = new Dictionary<string, string>();

    /// <summary>Account e-mails by user name (plex.tv gives one for every account; managed profiles have none).</summary>
    public IReadOnlyDictionary<string, string> Emails { get; init; } = new Dictionary<string, string>();

    /// <summary>The owner's plex.tv account id (on the server itself the owner is local account 1).</summary>
    public long OwnerAccountId { get; init; } = 11_111_111;
}
