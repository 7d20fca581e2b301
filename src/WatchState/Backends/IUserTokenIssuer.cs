namespace WatchState.Backends;

/// <summary>
/// Extra ability of a server kind where the token decides whose play state is seen (Plex): listing users needs
/// the owner's token, and every other user needs their own token for this server.
/// </summary>
public interface IUserTokenIssuer
{
    /// <summary>What the configured token may do; never throws for a token that merely is limited.</summary>
    Task<TokenScope> GetTokenScopeAsync(CancellationToken cancellationToken);

    /// <summary>The token and <c>options.*</c> to store so that the backend acts as <paramref name="user"/>.</summary>
    /// <param name="user">One of the users <see cref="IMediaServer.GetUsersAsync"/> listed.</param>
    /// <param name="pin">The profile PIN of a protected home user.</param>
    Task<UserAccess> GetUserAccessAsync(RemoteUser user, string? pin, CancellationToken cancellationToken);
}

public enum TokenScopeKind
{
    /// <summary>The server owner's token: users can be listed and their tokens obtained.</summary>
    Admin,

    /// <summary>A user's own token: it works for that user only, and cannot list the others.</summary>
    Limited,

    /// <summary>Could not be told (e.g. plex.tv unreachable); <see cref="TokenScope.Reason"/> says why.</summary>
    Unknown,
}

public sealed record TokenScope(TokenScopeKind Kind, string? Reason = null);

/// <param name="Token">The token that acts as the user on this server.</param>
/// <param name="Options">The <c>options.*</c> keys to store with the backend (e.g. the admin token kept for refreshes).</param>
public sealed record UserAccess(string Token, IReadOnlyDictionary<string, string> Options);

/// <summary>The token cannot list users (a limited token); the user id has to be given by hand.</summary>
public sealed class UsersUnavailableException : BackendException
{
    public UsersUnavailableException()
    {
    }

    public UsersUnavailableException(string message)
        : base(message)
    {
    }

    public UsersUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public UsersUnavailableException(string backend, string problem)
        : base(backend, problem)
    {
    }
}
