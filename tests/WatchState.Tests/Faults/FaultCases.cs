using WatchState.Simulator;

namespace WatchState.Tests.Faults;

/// <summary>
/// The fault matrix's rows, by name: each builds its Simulator rule for a path (and, for faults that hit one
/// request, a query that picks it). "Forever" faults stay until cleared; the client's retries are counted in
/// <see cref="FaultRule.Hits"/>.
/// </summary>
internal static class FaultCases
{
    /// <summary>Every fault kind, with the status ones in their transient, recovering and permanent forms.</summary>
    public static readonly string[] All =
    [
        "status-503", "status-503-once", "status-404", "delay", "hang", "reset",
        "truncated-json", "invalid-json", "xml", "total-low", "total-high", "page-removed", "page-inserted",
    ];

    /// <summary>The faults that make a single request fail for good (no answer can be read from it).</summary>
    public static readonly string[] Failing = ["status-503", "status-404", "hang", "reset", "truncated-json", "invalid-json", "xml"];

    /// <summary>Attempts per request: the first and <see cref="WatchState.Backends.Http.BackendHttpOptions.RetryLimit"/> retries.</summary>
    public const int Attempts = 1 + WatchState.Backends.Http.BackendHttpOptions.RetryLimit;

    /// <summary>The per-attempt timeout the tests configure (<c>client.timeout</c>), so a hang costs a fraction of a second.</summary>
    public const string Timeout = "0.3";

    public static FaultRule Rule(string name, string path, string? query = null, string? method = null) => name switch
    {
        "status-503" => new FaultRule(FaultKind.Status, path) { Query = query, Method = method },
        "status-503-once" => new FaultRule(FaultKind.Status, path) { Query = query, Method = method, Times = 1 },
        "status-404" => new FaultRule(FaultKind.Status, path) { Query = query, Method = method, StatusCode = 404 },
        "delay" => new FaultRule(FaultKind.Delay, path) { Query = query, Method = method, Delay = TimeSpan.FromMilliseconds(100) },
        "hang" => new FaultRule(FaultKind.Hang, path) { Query = query, Method = method },
        "reset" => new FaultRule(FaultKind.Reset, path) { Query = query, Method = method },
        "truncated-json" => new FaultRule(FaultKind.TruncatedJson, path) { Query = query, Method = method },
        "invalid-json" => new FaultRule(FaultKind.InvalidJson, path) { Query = query, Method = method },
        "xml" => new FaultRule(FaultKind.XmlInsteadOfJson, path) { Query = query, Method = method },

        // Totals and changing pages concern listings as a whole: every page of the path.
        "total-low" => new FaultRule(FaultKind.WrongTotalCount, path) { Method = method, Offset = -3 },
        "total-high" => new FaultRule(FaultKind.WrongTotalCount, path) { Method = method, Offset = 3 },
        "page-removed" => new FaultRule(FaultKind.PageChanges, path) { Method = method, Offset = 1 },
        "page-inserted" => new FaultRule(FaultKind.PageChanges, path) { Method = method, Offset = -1 },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such fault case"),
    };

    /// <summary>What a user may see: one line, no stack trace, no .NET type names.</summary>
    public static void AssertClean(string? message)
    {
        Assert.NotNull(message);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", message.TrimEnd(), StringComparison.Ordinal);
    }
}
