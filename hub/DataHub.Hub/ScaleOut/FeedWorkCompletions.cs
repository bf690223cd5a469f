using System.Collections.Concurrent;

namespace DataHub.Hub.ScaleOut;

/// <summary>
/// Feed-work requests that ended on this instance, for a waiter here (the feed-run API): the run history row is
/// written before the runner has recorded its metrics, so a request that ran here is answered only once the runner returned.
/// </summary>
public sealed class FeedWorkCompletions
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
    private readonly ConcurrentDictionary<string, bool> _startedHere = new();

    public void Started(string workId) => _startedHere[workId] = true;

    public bool StartedHere(string workId) => _startedHere.ContainsKey(workId);

    public Task WhenEndedHere(string workId) => _waiting.GetOrAdd(workId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Ended(string workId) => _waiting.GetOrAdd(workId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Forget(string workId)
    {
        _waiting.TryRemove(workId, out _);
        _startedHere.TryRemove(workId, out _);
    }
}
