using WatchState.Auth;

namespace WatchState.Cli;

/// <summary><c>system:admin --user NAME</c>: the password is asked twice on a terminal, or read from stdin.</summary>
internal sealed class AdminHandler(AdminAccounts accounts, CliOutput output, CliHost host)
{
    public async Task<int> RunAsync(string user, bool passwordStdin, CancellationToken cancellationToken)
    {
        string? password;
        if (passwordStdin)
        {
            password = await host.In.ReadLineAsync(cancellationToken);
            if (password is null)
            {
                output.Error("--password-stdin: nothing on stdin; pipe the password in, e.g. printf '%s\\n' \"$PASSWORD\" | watchstate system:admin --user NAME --password-stdin");
                return CliContext.Usage;
            }
        }
        else if (output.IsInteractive)
        {
            password = output.AskSecret("Password: ");
            var again = output.AskSecret("Password again: ");
            if (password is null || !string.Equals(password, again, StringComparison.Ordinal))
            {
                output.Error("the two passwords differ; nothing changed");
                return CliContext.Usage;
            }
        }
        else
        {
            output.Error("no terminal to ask for the password: run it on a terminal, or pass --password-stdin and pipe the password in");
            return CliContext.Usage;
        }

        if (AdminAccounts.Problem(user, password) is { } problem)
        {
            output.Error($"{problem}; nothing changed");
            return CliContext.Usage;
        }

        var before = await accounts.SetAsync(user, password, cancellationToken);
        output.Success(before is null
            ? $"admin '{user.Trim()}' created: log in to the web UI or POST /v1/api/auth/login"
            : $"admin '{user.Trim()}' set (was '{before.User}'): the new password applies now, and every open session must log in again");
        return CliContext.Ok;
    }
}
