using DataHub.Hub.ScaleOut;
using DataHub.Hub.Store;

namespace DataHub.Hub.Service;

/// <summary>Submits feed runs to the group (feed-work topic) and, for the API, waits for the run to end on whichever instance runs it.</summary>
public sealed class FeedWorkSubmitter(HubRuntimeService runtime, FeedCatalog catalog)
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
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            var runs = await runtime.Runtime.FeedState.RecentRunsAsync(feed.Name, 50, ct);
            if (runs.FirstOrDefault(r => r.Trigger == item.RunTrigger && r.FinishedAt is not null && r.Status != "cancelled") is { } run) return (item, run);
            await Task.Delay(Poll, ct);
        }
        return (item, null);
    }
}
