namespace WatchState.Backends;

/// <summary>A backend failed in a way the user must see; the message names the backend and what went wrong.</summary>
public class BackendException : Exception
{
    public BackendException()
    {
    }

    public BackendException(string message)
        : base(message)
    {
    }

    public BackendException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public BackendException(string backend, string problem, int? statusCode = null, Exception? innerException = null)
        : base($"backend {backend}: {problem}", innerException)
    {
        Backend = backend;
        StatusCode = statusCode;
    }

    public string? Backend { get; }

    public int? StatusCode { get; }
}
