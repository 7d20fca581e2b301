using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WatchState.Simulator.Plex;

namespace WatchState.Simulator.PlexTv;

/// <summary>One plex.tv account as the fake sees it.</summary>
internal sealed record PlexTvAccount(long Id, string Uuid, string Name, bool Owner, bool Home, string? Pin)
{
    public string? Email { get; init; }
}

/// <summary>
/// The accounts behind one simulated server, and the tokens plex.tv knows: the owner's account token (which the
/// server accepts too) and short-lived switch tokens that only plex.tv accepts.
/// </summary>
internal sealed class PlexTvDirectory
{
    private readonly PlexServer _server;
    private readonly PlexTvSimulatorOptions _options;
    private readonly ConcurrentDictionary<string, string> _switchTokens = new(StringComparer.Ordinal);
    private int _switches;

    public PlexTvDirectory(PlexServer server, PlexTvSimulatorOptions options)
    {
        _server = server;
        _options = options;
    }

    public string MachineIdentifier => _server.MachineIdentifier;

    /// <summary>The owner account's webhook URLs, as plex.tv keeps them (the whole list is replaced on each save).</summary>
    public IReadOnlyList<string> Webhooks { get; set; } = [];

    public string ServerName => _server.ServerName;

    public IReadOnlyList<PlexTvAccount> Accounts() =>
        [.. _server.Accounts().Select(a => a.Name == PlexServer.Admin
            ? new PlexTvAccount(_options.OwnerAccountId, UuidOf(a.Name), a.Name, Owner: true, Home: true, Pin: null) { Email = _options.Emails.GetValueOrDefault(a.Name) }
            : new PlexTvAccount(
                a.Id,
                UuidOf(a.Name),
                a.Name,
                Owner: false,
                Home: !_options.SharedUsers.Contains(a.Name, StringComparer.OrdinalIgnoreCase),
                Pin: _options.Pins.TryGetValue(a.Name, out var pin) ? pin : null) { Email = _options.Emails.GetValueOrDefault(a.Name) })];

    /// <summary>The account a token signs in as on plex.tv: the owner's token, or a switch token. Server tokens are not account tokens.</summary>
    public PlexTvAccount? AccountOf(string? token)
    {
        if (token is null)
        {
            return null;
        }

        var name = token == _server.AdminToken ? PlexServer.Admin : _switchTokens.GetValueOrDefault(token);
        return name is null ? null : Accounts().FirstOrDefault(a => a.Name == name);
    }

    public string ServerTokenOf(PlexTvAccount account) => _server.TokenOf(account.Name);

    public string Switch(PlexTvAccount account)
    {
        var token = string.Create(CultureInfo.InvariantCulture, $"plextv-switch-{Interlocked.Increment(ref _switches)}-{account.Uuid}");
        _switchTokens[token] = account.Name;
        return token;
    }

    // plex.tv account uuids are 16 hex characters; stable per name so tests can predict them.
    private static string UuidOf(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("plextv|" + name.ToLowerInvariant())).AsSpan(0, 8));
}
