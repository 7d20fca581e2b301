namespace WatchState.Webhooks;

/// <summary>A body that is not a webhook we understand; the message says why and is shown to the sender.</summary>
public sealed class WebhookParseException : Exception
{
    public WebhookParseException()
    {
    }

    public WebhookParseException(string message)
        : base(message)
    {
    }

    public WebhookParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
