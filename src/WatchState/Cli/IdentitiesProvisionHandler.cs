using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Identities;

namespace WatchState.Cli;

/// <summary>Provisions every proposed identity and prints, per identity, what changed and who got no access.</summary>
internal sealed class IdentitiesProvisionHandler(IdentityProvisioner provisioner, IdentityFiles files, CliOutput output)
{
    public async Task<int> RunAsync(bool dryRun, IReadOnlyList<string> pins, OutputFormat format, CancellationToken cancellationToken)
    {
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in pins)
        {
            if (TryParsePin(value, out var key, out var pin))
            {
                parsed[key] = pin;
            }
        }

        var report = await provisioner.ProvisionAsync(new ProvisionOptions(dryRun, parsed), cancellationToken);
        if (format == OutputFormat.Json)
        {
            output.Json(ToView(report), ProvisionJsonContext.Default.ProvisionView);
            return CliContext.Ok;
        }

        Print(report);
        return CliContext.Ok;
    }

    /// <summary>Splits <c>BACKEND:USER=PIN</c> at the last <c>=</c>; the key is <c>BACKEND:USER</c>.</summary>
    public static bool TryParsePin(string value, out string key, out string pin)
    {
        ArgumentNullException.ThrowIfNull(value);
        var equals = value.LastIndexOf('=');
        key = equals > 0 ? value[..equals].Trim() : string.Empty;
        pin = equals > 0 ? value[(equals + 1)..].Trim() : string.Empty;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < key.Length - 1 && pin.Length > 0;
    }

    private void Print(ProvisionReport report)
    {
        if (report.Identities.Count == 0)
        {
            output.Line("No identities proposed: no user matched a user of another backend (see identities:match).");
        }
        else
        {
            var table = new CliTable("identity", "change", "backend", "user", "id", "why", "access");
            foreach (var identity in report.Identities)
            {
                var change = Describe(identity, report.DryRun);
                foreach (var member in identity.Members)
                {
                    table.Add(identity.Name, change, member.Backend, member.UserName, member.UserId, member.Reason, member.Problem ?? "ok");
                    change = string.Empty;
                }
            }

            output.Table(table);
        }

        if (report.Unmatched.Count > 0)
        {
            output.Line("Unmatched users (no identity; map them in config/mapper.yaml):");
            var table = new CliTable("backend", "user", "id", "why");
            foreach (var user in report.Unmatched)
            {
                table.Add(user.User.Backend, user.User.Name, user.User.Id, user.Reason);
            }

            output.Table(table);
        }

        foreach (var note in report.Notes)
        {
            output.Warning(note);
        }

        var withoutAccess = report.Identities.SelectMany(i => i.Members).Count(m => m.Problem is not null);
        if (withoutAccess > 0)
        {
            output.Warning($"{withoutAccess} member(s) got no access (see the access column); fix that and run identities:provision again.");
        }

        output.Line(report.DryRun
            ? "Dry run: no token was requested and nothing was written."
            : $"{Count(report, ProvisionChange.Created)} created, {Count(report, ProvisionChange.Updated)} updated, "
                + $"{Count(report, ProvisionChange.Unchanged)} unchanged, {Count(report, ProvisionChange.Skipped)} skipped.");
    }

    private string Describe(ProvisionedIdentity identity, bool dryRun) => identity.Change switch
    {
        _ when identity.Name == IdentityFiles.Main => "unchanged (config/servers.yaml)",
        ProvisionChange.Created => (dryRun ? "would create " : "created ") + files.DisplayPath(identity.Name),
        ProvisionChange.Updated => (dryRun ? "would update " : "updated ") + files.DisplayPath(identity.Name),
        ProvisionChange.Skipped => "skipped: no member got access",
        _ => "unchanged",
    };

    private static int Count(ProvisionReport report, ProvisionChange change) => report.Identities.Count(i => i.Change == change);

    private ProvisionView ToView(ProvisionReport report) => new(
        report.DryRun,
        [.. report.Identities.Select(i => new ProvisionedIdentityView(
            i.Name,
            i.Change.ToString().ToLowerInvariant(),
            files.DisplayPath(i.Name),
            [.. i.Members.Select(m => new ProvisionedMemberView(m.Backend, m.UserId, m.UserName, m.Reason, m.Problem))]))],
        [.. report.Unmatched.Select(u => new IdentityUserView(u.User.Backend, u.User.Id, u.User.Name, u.Reason))],
        report.Notes,
        report.Identities.SelectMany(i => i.Members).Count(m => m.Problem is not null));
}

/// <summary><c>identities:provision -o json</c>.</summary>
internal sealed record ProvisionView(
    bool DryRun,
    IReadOnlyList<ProvisionedIdentityView> Identities,
    IReadOnlyList<IdentityUserView> Unmatched,
    IReadOnlyList<string> Notes,
    int MembersWithoutAccess);

internal sealed record ProvisionedIdentityView(string Name, string Change, string File, IReadOnlyList<ProvisionedMemberView> Members);

internal sealed record ProvisionedMemberView(string Backend, string UserId, string UserName, string Reason, string? Problem);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProvisionView))]
internal sealed partial class ProvisionJsonContext : JsonSerializerContext;
