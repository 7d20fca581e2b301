namespace WatchState.Backends.MediaBrowser;

/// <summary>A Jellyfin or Emby server failed or answered something we cannot use.</summary>
public sealed class MediaBrowserException : BackendException
{
    public MediaBrowserException()
    {
    }

    public MediaBrowserException(string message)
        : base(message)
    {
    }

    public MediaBrowserException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MediaBrowserException(string backend, string problem, int? statusCode = null, Exception? innerException = null)
        : base(backend, problem, statusCode, innerException)
    {
    }
}
