using System.CommandLine;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Cli;

/// <summary>Which identities a command acts as: one by name (default <c>main</c>), or every one in turn.</summary>
internal sealed record IdentityScope(string Identity, bool All)
{
    public static readonly IdentityScope Main = new(IdentityFiles.Main, All: false);
}

/// <summary>
/// The <c>-u, --user IDENTITY</c> and <c>--all</c> options of the commands that read or write play state; one
/// instance per command. (<c>backend:add</c> and <c>system:admin</c> use <c>--user</c> for other things and do not
/// take these.)
/// </summary>
internal sealed class IdentityOptions
{
    private IdentityOptions(bool allowAll)
    {
        User = new Option<string?>("--user", "-u")
        {
            Description = allowAll
                ? "Act as this identity (default: main; see identities:list)"
                : "The identity the item belongs to (default: main; see identities:list)",
            HelpName = "IDENTITY",
        };
        All = allowAll ? new Option<bool>("--all") { Description = "Every identity in turn, main first" } : null;
    }

    public Option<string?> User { get; }

    public Option<bool>? All { get; }

    /// <summary><c>-u</c> and <c>--all</c>, added to <paramref name="command"/>.</summary>
    public static IdentityOptions AddTo(Command command) => AddTo(command, allowAll: true);

    /// <summary>Only <c>-u</c>: for commands about one item, which belongs to exactly one identity.</summary>
    public static IdentityOptions AddSingleTo(Command command) => AddTo(command, allowAll: false);

    public IdentityScope Scope(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new IdentityScope(parse.GetValue(User) ?? IdentityFiles.Main, All is not null && parse.GetValue(All));
    }

    private static IdentityOptions AddTo(Command command, bool allowAll)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new IdentityOptions(allowAll);
        command.Options.Add(options.User);
        if (options.All is { } all)
        {
            command.Options.Add(all);
            command.Validators.Add(result =>
            {
                if (result.GetResult(options.User) is not null && result.GetValue(all))
                {
                    result.AddError("-u/--user and --all exclude each other: name one identity or ask for all");
                }
            });
        }

        return options;
    }
}

/// <summary>
/// Runs a command body once per identity of an <see cref="IdentityScope"/>: one identity as before; with
/// <c>--all</c> every identity in turn, main first, each under a heading (text) or a key (JSON), and the worst exit
/// code of them. A broken servers file of one identity is reported and the others still run.
/// </summary>
internal sealed class IdentityRunner(IdentityFiles identities, CliOutput output)
{
    /// <summary>The identity's backends; <see cref="UnknownIdentityException"/> when there is no such identity.</summary>
    public Task<IReadOnlyList<BackendConfig>> LoadAsync(string identity, CancellationToken cancellationToken) =>
        identities.LoadAsync(Known(identity), cancellationToken);

    /// <summary>The servers file as named in messages (<c>config/servers.yaml</c>, <c>config/users/alice/servers.yaml</c>).</summary>
    public string DisplayPath(string identity) => identities.DisplayPath(identity);

    public async Task<int> RunAsync(IdentityScope scope, bool json, Func<string, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(body);
        if (!scope.All)
        {
            return await body(Known(scope.Identity));
        }

        var worst = CliContext.Ok;
        var first = true;
        foreach (var identity in identities.List())
        {
            if (json)
            {
                output.JsonUnder(identity);
            }
            else
            {
                if (!first)
                {
                    output.Line("");
                }

                output.Line($"== identity {identity} ==");
            }

            first = false;
            int code;
            try
            {
                code = await body(identity);
            }
            catch (Exception e) when (e is ConfigException or BackendException)
            {
                output.Error($"{identity}: {e.Message}");
                code = CliContext.Failed;
            }

            worst = Math.Max(worst, code);
        }

        if (json)
        {
            output.WriteJsonGroup();
        }

        return worst;
    }

    private string Known(string identity) =>
        identities.Exists(identity) ? identity : throw new UnknownIdentityException(identity, identities.List());
}
