namespace WatchState.Demo;

/// <summary>The demo cannot start; the message says why and is shown as it is.</summary>
public sealed class DemoException : Exception
{
    public DemoException()
    {
    }

    public DemoException(string message)
        : base(message)
    {
    }

    public DemoException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
