using DataHub.Hub.Pipeline;

namespace DataHub.Tests.Pipeline;

/// <summary>
/// Runs an action from inside the first progress report of a run that falls between two record counts. Synchronous on
/// purpose (unlike <see cref="Progress{T}"/>): the run sends nothing more until the action is done, so a test stages a
/// fault at an exact point of the file instead of racing the run. Pair it with a runner whose
/// <see cref="FeedRunner.CheckpointEvery"/> is zero, which reports after every batch.
/// </summary>
public sealed class ActAtRecord(long fromRecord, long lastRecord, Action act) : IProgress<FeedProgress>
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    public void Report(FeedProgress value)
    {
        if (_done.Task.IsCompleted || value.Read < fromRecord) return;
        if (value.Read >= lastRecord)
        {
            _done.TrySetException(new InvalidOperationException($"no progress report fell between record {fromRecord} and {lastRecord}"));
            return;
        }
        act();
        _done.TrySetResult();
    }

    /// <summary>Waits until the action ran; a run that fails or ends first surfaces here instead of as a timeout.</summary>
    public async Task WaitAsync(Task run, TimeSpan timeout)
    {
        await Task.WhenAny(Done, run).WaitAsync(timeout);
        if (!Done.IsCompleted)
        {
            await run; // throws the run's own failure if it had one
            throw new InvalidOperationException("the run finished before the fault could be staged");
        }
        await Done;
    }
}
