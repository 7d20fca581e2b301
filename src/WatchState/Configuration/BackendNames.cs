using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace WatchState.Configuration;

/// <summary>What a backend may be called: one rule for <c>backend:add</c>, the API and the web UI.</summary>
internal static partial class BackendNames
{
    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "use only lower-case letters, digits and _ (as WatchState does)";

    public static bool IsValid([NotNullWhen(true)] string? name) => name is not null && Valid().IsMatch(name);

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex Valid();
}
