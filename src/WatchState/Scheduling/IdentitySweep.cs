using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Scheduling;

/// <summary>
/// Runs a task's work once per identity, <c>main</c> first, each with its own backends. One identity failing (its
/// servers file broken, a server refusing its token, a disk error) is written into the run's summary and the others
/// still run; the run fails when any identity failed. With only <c>main</c> the summary reads as it always did;
/// with several, each part starts with its identity (<c>alice: jf: 3 added, …</c>).
/// </summary>
public sealed class IdentitySweep(IdentityFiles identities)
{
    /// <param name="work">One identity's part: its summary, or <see cref="TaskFailedException"/> saying what failed.</param>
    /// <returns>The summary of every identity.</returns>
    /// <exception cref="TaskFailedException">At least one identity failed; the message has every identity's summary.</exception>
    public async Task<string> RunAsync(
        Func<string, IReadOnlyList<BackendConfig>, CancellationToken, Task<string>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var names = identities.List();
        var parts = new List<string>(names.Count);
        var failed = false;
        foreach (var identity in names)
        {
            string part;
            try
            {
                var backends = await identities.LoadAsync(identity, cancellationToken);
                part = await work(identity, backends, cancellationToken);
            }
            catch (TaskFailedException e)
            {
                failed = true;
                part = e.Message;
            }

            // Not only the expected failures: whatever breaks one person's run must not cost everyone else theirs.
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                failed = true;
                part = $"failed: {e.Message}";
            }

            parts.Add(names.Count == 1 ? part : $"{identity}: {part}");
        }

        var summary = string.Join(" | ", parts);
        return failed ? throw new TaskFailedException(summary) : summary;
    }
}
