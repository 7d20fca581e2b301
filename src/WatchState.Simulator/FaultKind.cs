namespace WatchState.Simulator;

/// <summary>What a <see cref="FaultRule"/> does to a request it matches.</summary>
public enum FaultKind
{
    /// <summary>Answers <see cref="FaultRule.StatusCode"/> the way that kind of server answers a failure.</summary>
    Status,

    /// <summary>Holds the request back for <see cref="FaultRule.Delay"/>, then answers normally.</summary>
    Delay,

    /// <summary>Never answers: the request waits until the client gives up (or the simulator stops).</summary>
    Hang,

    /// <summary>Aborts the connection without an answer (a crashed or restarting server, a proxy reset).</summary>
    Reset,

    /// <summary>200 with the real body cut in half: valid HTTP, incomplete JSON.</summary>
    TruncatedJson,

    /// <summary>200 with the real body made unparseable (a stray token after the first brace).</summary>
    InvalidJson,

    /// <summary>200 with an XML document and an XML content type, as a server that ignored <c>Accept</c> sends.</summary>
    XmlInsteadOfJson,

    /// <summary>
    /// The real answer with its total (<c>TotalRecordCount</c>, Plex's <c>totalSize</c> and
    /// <c>X-Plex-Container-Total-Size</c>) off by <see cref="FaultRule.Offset"/>.
    /// </summary>
    WrongTotalCount,

    /// <summary>
    /// The listing changes between page requests: every page after the first (start offset above 0) is read
    /// <see cref="FaultRule.Offset"/> items further on, with the total that much smaller, as if that many items
    /// before the reader's position were removed after the first page (a negative offset: inserted).
    /// </summary>
    PageChanges,
}
