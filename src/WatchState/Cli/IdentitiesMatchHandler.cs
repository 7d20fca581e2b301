using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Identities;

namespace WatchState.Cli;

/// <summary>Lists every backend's users (one request each, all at once) and prints the proposed identities.</summary>
internal sealed class IdentitiesMatchHandler(UserDiscovery users, CliOutput output)
{
    public async Task<int> RunAsync(bool dryRun, OutputFormat format, CancellationToken cancellationToken)
    {
        var discovery = await users.DiscoverAsync(cancellationToken);
        var result = discovery.Match;
        var notes = discovery.Notes.ToList();

        if (format == OutputFormat.Json)
        {
            output.Json(ToView(result, notes), IdentitiesJsonContext.Default.IdentitiesView);
            return CliContext.Ok;
        }

        Print(result, notes);
        if (dryRun)
        {
            output.Line("Dry run: nothing was written (identities:match never writes).");
        }

        return CliContext.Ok;
    }

    private void Print(MatchResult result, List<string> notes)
    {
        if (result.Groups.Count == 0)
        {
            output.Line("No identities: no user matched a user of another backend.");
        }
        else
        {
            var table = new CliTable("identity", "backend", "user", "id", "why");
            foreach (var group in result.Groups)
            {
                foreach (var member in group.Members)
                {
                    table.Add(group.Name, member.User.Backend, member.User.Name, member.User.Id, member.Reason);
                }
            }

            output.Table(table);
        }

        if (result.Unmatched.Count > 0)
        {
            output.Line("Unmatched users (not guessed; map them in config/mapper.yaml):");
            var table = new CliTable("backend", "user", "id", "why");
            foreach (var user in result.Unmatched)
            {
                table.Add(user.User.Backend, user.User.Name, user.User.Id, user.Reason);
            }

            output.Table(table);
        }

        foreach (var note in notes)
        {
            output.Warning(note);
        }
    }

    private static IdentitiesView ToView(MatchResult result, List<string> notes) => new(
        [.. result.Groups.Select(g => new IdentityView(g.Name, [.. g.Members.Select(m => new IdentityUserView(m.User.Backend, m.User.Id, m.User.Name, m.Reason))]))],
        [.. result.Unmatched.Select(u => new IdentityUserView(u.User.Backend, u.User.Id, u.User.Name, u.Reason))],
        notes);
}

/// <summary><c>identities:match -o json</c>.</summary>
internal sealed record IdentitiesView(IReadOnlyList<IdentityView> Identities, IReadOnlyList<IdentityUserView> Unmatched, IReadOnlyList<string> Notes);

internal sealed record IdentityView(string Name, IReadOnlyList<IdentityUserView> Members);

internal sealed record IdentityUserView(string Backend, string Id, string Name, string Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IdentitiesView))]
internal sealed partial class IdentitiesJsonContext : JsonSerializerContext;
