namespace WatchState.Api;

/// <summary>A request the API refuses, with the HTTP status and the ProblemDetails detail to answer.</summary>
public sealed class ApiException : Exception
{
    public ApiException()
    {
    }

    public ApiException(string message)
        : base(message)
    {
    }

    public ApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ApiException(int status, string message)
        : base(message)
    {
        Status = status;
    }

    public int Status { get; } = StatusCodes.Status400BadRequest;
}
