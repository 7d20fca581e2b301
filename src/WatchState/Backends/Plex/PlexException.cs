namespace WatchState.Backends.Plex;

/// <summary>A Plex Media Server failed or answered something we cannot use.</summary>
public sealed class PlexException : BackendException
{
    public PlexException()
    {
    }

    public PlexException(string message)
        : base(message)
    {
    }

    public PlexException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public PlexException(string backend, string problem, int? statusCode = null, Exception? innerException = null)
        : base(backend, problem, statusCode, innerException)
    {
    }
}
