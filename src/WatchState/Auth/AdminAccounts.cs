using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using WatchState.Storage;

namespace WatchState.Auth;

/// <summary>
/// Creating, resetting and checking the admin. Passwords are hashed with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, versioned format, constant-time compare). The account is
/// re-read at most every <see cref="CacheFor"/>, so a password reset by <c>system:admin</c> in another process
/// signs out existing sessions within seconds.
/// </summary>
public sealed class AdminAccounts(AdminStore store, TimeProvider clock) : IDisposable
{
    public const int MinPasswordLength = 8;

    /// <summary>Beyond this a "password" is a mistake or an attempt to make hashing expensive.</summary>
    public const int MaxPasswordLength = 1024;

    public const int MaxUserLength = 64;

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly PasswordHasher<AdminAccount> _hasher = new();
    private readonly ShortLivedCache<AdminAccount?> _current = new(store.GetAsync, CacheFor, clock);

    // Verifying against this when the user name is wrong makes a wrong name take as long as a wrong password.
    private readonly Lazy<AdminAccount> _decoy = new(() =>
        new AdminAccount("", new PasswordHasher<AdminAccount>().HashPassword(new AdminAccount("", "", ""), Convert.ToHexString(RandomNumberGenerator.GetBytes(16))), ""));

    /// <summary>Why a user name or password cannot be used, or null when it can.</summary>
    public static string? Problem(string? user, string? password)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return "a user name is required";
        }

        if (user.Trim().Length > MaxUserLength || user.Any(char.IsControl))
        {
            return $"the user name must be at most {MaxUserLength} characters, without control characters";
        }

        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            return $"the password is too short: use at least {MinPasswordLength} characters";
        }

        return password.Length > MaxPasswordLength ? $"the password is too long: at most {MaxPasswordLength} characters" : null;
    }

    public Task<AdminAccount?> CurrentAsync(CancellationToken cancellationToken) => _current.GetAsync(cancellationToken);

    public async Task<bool> SetupNeededAsync(CancellationToken cancellationToken) => await CurrentAsync(cancellationToken) is null;

    /// <summary>First run: creates the admin unless one exists (then null).</summary>
    /// <exception cref="ArgumentException">The user name or password breaks <see cref="Problem"/>.</exception>
    public async Task<AdminAccount?> CreateAsync(string user, string password, CancellationToken cancellationToken)
    {
        var account = NewAccount(user, password);
        if (!await store.TryCreateAsync(account, cancellationToken))
        {
            return null;
        }

        _current.Set(account);
        return account;
    }

    /// <summary>Creates the admin, or replaces the existing one (name and password); older sessions end.</summary>
    /// <returns>The admin that existed before, if any.</returns>
    /// <exception cref="ArgumentException">The user name or password breaks <see cref="Problem"/>.</exception>
    public async Task<AdminAccount?> SetAsync(string user, string password, CancellationToken cancellationToken)
    {
        var account = NewAccount(user, password);
        var before = await store.GetAsync(cancellationToken);
        await store.SetAsync(account, cancellationToken);
        _current.Set(account);
        return before;
    }

    /// <summary>The admin when the user name (any case) and password match, else null.</summary>
    public async Task<AdminAccount?> VerifyAsync(string? user, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength)
        {
            return null;
        }

        var account = await CurrentAsync(cancellationToken);
        var nameMatches = account is not null && string.Equals(account.User, user.Trim(), StringComparison.OrdinalIgnoreCase);
        var against = nameMatches ? account! : _decoy.Value;
        var result = _hasher.VerifyHashedPassword(against, against.PasswordHash, password);
        if (!nameMatches || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Same stamp: a hash upgrade to newer parameters is not a password change.
            var upgraded = account! with { PasswordHash = _hasher.HashPassword(account, password) };
            await store.SetAsync(upgraded, cancellationToken);
            _current.Set(upgraded);
            return upgraded;
        }

        return account;
    }

    private AdminAccount NewAccount(string user, string password)
    {
        if (Problem(user, password) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var account = new AdminAccount(user.Trim(), "", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        return account with { PasswordHash = _hasher.HashPassword(account, password) };
    }

    public void Dispose() => _current.Dispose();
}
