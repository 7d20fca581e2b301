namespace WatchState.Simulator;

/// <summary>How a <see cref="PlexSimulator"/> starts.</summary>
public sealed class PlexSimulatorOptions
{
    public required SimLibrary Library { get; init; }

    /// <summary>Four numeric parts plus build hash, like a real PMS release.</summary>
    public string Version { get; init; } = "1.41.6.9606-3e0a5d3a1";

    public string ServerName { get; init; } = "sim-plex";

    /// <summary>40 hex characters; null picks a random one.</summary>
    public string? MachineIdentifier { get; init; }

    public string AdminToken { get; init; } = "plex-admin-token";

    /// <summary>Items carry only the legacy <c>guid</c> (com.plexapp.agents.*) and never a <c>Guid</c> array.</summary>
    public bool LegacyAgents { get; init; }

    public TimeProvider? TimeProvider { get; init; }
}
