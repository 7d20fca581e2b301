namespace WatchState.Scheduling;

/// <summary>A piece of work the scheduler can run by name (<c>import</c>, <c>export</c>, <c>backup</c>, <c>prune</c>).</summary>
public interface IScheduledTask
{
    string Name { get; }

    string Description { get; }

    /// <returns>A one-line summary of what the run did.</returns>
    /// <exception cref="TaskFailedException">The run did its best but failed; the message says why.</exception>
    Task<string> RunAsync(CancellationToken cancellationToken);
}

/// <summary>A task run that failed in a way worth recording (its message is stored with the run).</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException()
    {
    }

    public TaskFailedException(string message)
        : base(message)
    {
    }

    public TaskFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
