using DataHub.Hub.ScaleOut;
using DataHub.Hub.Store;

namespace DataHub.Hub.Service;

/// <summary>Submits feed runs to the group (feed-work topic) and, for the API, waits for the run to end on whichever instance runs it.</summary>
public sealed class FeedWorkSubmitter(HubRuntimeService runtime, FeedCatalog catalog, FeedWorkCompletions completions)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public FeedWorkQueue Queue => new(runtime.Runtime.Kafka, runtime.Runtime.Registry);

    /// <summary>
    /// Null for an unknown feed; else the request and its finished run, or no run yet when it did not end within
    /// <paramref name="wait"/>. A run cancelled because its instance lost the partition is not the end: the next holder's run is.
    /// </summary>
    public async Task<(FeedWorkItem Item, FeedRun? Run)?> RunAsync(string feedName, string trigger, TimeSpan wait, CancellationToken ct)
    {
        var feed = catalog.Find(feedName);
        if (feed is null) return null;
        var item = await Queue.SubmitAsync(feed.Name, trigger, ct);
        var endedHere = completions.WhenEndedHere(item.WorkId);
        try
        {
            for (var deadline = DateTime.UtcNow + wait; DateTime.UtcNow < deadline;)
            {
                var runs = await runtime.Runtime.FeedState.RecentRunsAsync(feed.Name, 50, ct);
                if (runs.FirstOrDefault(r => r.Trigger == item.RunTrigger && r.FinishedAt is not null && r.Status != "cancelled") is { } run)
                {
                    // Ran here: answer once the runner returned (it records its metrics after the history row). Ran elsewhere: now.
                    if (completions.StartedHere(item.WorkId)) await endedHere.WaitAsync(ct);
                    return (item, run);
                }
                await (endedHere.IsCompleted ? Task.Delay(Poll, ct) : Task.WhenAny(endedHere, Task.Delay(Poll, ct)));
            }
            return (item, null);
        }
        finally
        {
            completions.Forget(item.WorkId);
        }
    }
}
