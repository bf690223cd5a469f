using Avro.Generic;
using Confluent.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Service;
using DataHub.Schemas.Topics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataHub.Hub.ScaleOut;

/// <summary>
/// This instance's membership of the hub's consumer group (ScaleOut:Group), subscribed to every registry topic
/// and the feed-work topic with the range assignor: topics with the same partition count are split alike, so
/// partition N of every person-keyed topic — and of the work topic — goes to the same instance. The registry
/// partitions are only held, never consumed here (paused; the materialiser reads them from the store's
/// offsets): they say which people this instance reconciles (<see cref="Current"/>). The work partitions
/// are consumed: each request runs through <see cref="FeedRunService"/> and its offset is committed only when
/// the run ended, so when this instance dies (or loses the partition) the next holder runs it again and the
/// checkpoint makes that a resume. A revoked partition's run is cancelled before the partition is given up.
/// </summary>
public sealed class HubGroupMember(HubRuntimeService runtime, FeedRunService feeds, FeedWorkCompletions completions, IOptions<ScaleOutOptions> options,
    ILogger<HubGroupMember> log)
    : BackgroundService, IPartitionOwner
{
    private static readonly ReconcileScope Nothing = ReconcileScope.Of([], []);
    private readonly HashSet<TopicPartition> _assigned = [];
    private readonly List<TopicPartition> _toPause = [];
    private readonly Dictionary<TopicPartition, RunningWork> _running = [];
    private readonly TaskCompletionSource _firstAssignment = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ReconcileScope _scope = Nothing;
    private int _generation;
    private string? _lastError;

    public ReconcileScope Current => _scope;

    /// <summary>Completes once the group gave this instance its first share (a run before it would find nothing to do).</summary>
    public Task WaitForAssignmentAsync(TimeSpan timeout, CancellationToken ct) => _firstAssignment.Task.WaitAsync(timeout, ct);

    private sealed record RunningWork(FeedWorkItem Item, long Offset, CancellationTokenSource Cancel, Task Run);

    protected override Task ExecuteAsync(CancellationToken stop) =>
        Task.Factory.StartNew(() => Loop(stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Loop(CancellationToken stop)
    {
        var hub = runtime.Runtime;
        var settings = options.Value;
        var config = hub.Kafka.ConsumerConfig(settings.Group);
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range; // co-partitioning: see the summary
        config.SessionTimeoutMs = settings.SessionTimeoutMs;
        config.HeartbeatIntervalMs = Math.Max(100, settings.SessionTimeoutMs / 4);
        config.EnablePartitionEof = false;
        var work = FeedWorkQueue.Deserializer(hub.Registry);
        using var consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetLogHandler((_, m) => log.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message))
            .SetPartitionsAssignedHandler((_, partitions) => Assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => Revoked(partitions.Select(p => p.TopicPartition), "revoked"))
            .SetPartitionsLostHandler((_, partitions) => Revoked(partitions.Select(p => p.TopicPartition), "lost"))
            .Build();
        consumer.Subscribe([.. RegistryTopics.All, TopicCatalog.FeedWork]);
        log.LogInformation("Group {Group}: joining as {Instance} (session timeout {Timeout} ms)", settings.Group, HubInstance.Name, settings.SessionTimeoutMs);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                ConsumeResult<string?, byte[]>? result;
                try { result = consumer.Consume(TimeSpan.FromMilliseconds(200)); }
                catch (ConsumeException e)
                {
                    // E.g. a subscribed topic missing on a configured cluster: say so, keep the membership.
                    if (_lastError != e.Error.Reason) log.LogWarning("Group {Group}: {Error}", settings.Group, e.Error.Reason);
                    _lastError = e.Error.Reason;
                    continue;
                }
                if (_toPause.Count > 0) { consumer.Pause(_toPause); _toPause.Clear(); }
                CommitFinished(consumer);
                if (result?.Topic != TopicCatalog.FeedWork) continue; // a registry record fetched before its partition was paused
                var item = FeedWorkQueue.Decode(work, result.Message.Value);
                consumer.Pause([result.TopicPartition]); // one request per work partition at a time; the next waits its turn
                var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
                log.LogInformation("Feed work {Work}: running {Feed} ({Trigger}) from {Partition} offset {Offset}",
                    item.WorkId, item.Feed, item.Trigger, result.Partition.Value, result.Offset.Value);
                _running[result.TopicPartition] = new RunningWork(item, result.Offset.Value, cancel, Task.Run(() => RunAsync(item, cancel.Token)));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        StopWork(_running.Keys.ToList(), "the instance is stopping");
        consumer.Close(); // leave the group now, so the others take over without waiting for the session timeout
        log.LogInformation("Group {Group}: left", settings.Group);
    }

    private async Task RunAsync(FeedWorkItem item, CancellationToken ct)
    {
        FeedRunResult? result;
        completions.Started(item.WorkId);
        try { result = await feeds.RunAsync(item.Feed, item.RunTrigger, ct); }
        finally { completions.Ended(item.WorkId); }
        if (result is null) log.LogError("Feed work {Work}: no feed named {Feed} on this instance (Serve:FeedsDirectory); request dropped", item.WorkId, item.Feed);
        else log.LogInformation("Feed work {Work}: {Feed} run {Run} read {Read}, published {Published}, dead-lettered {Rejected}",
            item.WorkId, item.Feed, result.RunId, result.Read, result.Published, result.DeadLettered);
    }

    /// <summary>Commits the requests whose run ended (a failed run too: its checkpoint keeps what is safe, and it is not retried forever).</summary>
    private void CommitFinished(IConsumer<string?, byte[]> consumer)
    {
        foreach (var (partition, running) in _running.Where(r => r.Value.Run.IsCompleted).ToList())
        {
            _running.Remove(partition);
            if (running.Run.IsCanceled) continue;
            if (running.Run.Exception is { } e)
                log.LogError(e.GetBaseException(), "Feed work {Work}: {Feed} failed; its checkpoint stays where it was safe and the next run resumes there", running.Item.WorkId, running.Item.Feed);
            try
            {
                consumer.Commit([new TopicPartitionOffset(partition, running.Offset + 1)]);
                consumer.Resume([partition]);
            }
            catch (KafkaException failure)
            {
                // The partition moved on meanwhile: its next holder gets the request again and finds the run done.
                log.LogWarning("Feed work {Work}: could not commit ({Error}); the next holder of the partition will see it again", running.Item.WorkId, failure.Error.Reason);
            }
            running.Cancel.Dispose();
        }
    }

    private IEnumerable<TopicPartitionOffset> Assigned(List<TopicPartition> partitions)
    {
        _assigned.UnionWith(partitions);
        _toPause.AddRange(partitions.Where(p => p.Topic != TopicCatalog.FeedWork));
        UpdateScope();
        // Work from the last committed request; registry partitions are held, not read (so no reason to fetch their past).
        return partitions.Select(p => new TopicPartitionOffset(p, p.Topic == TopicCatalog.FeedWork ? Offset.Unset : Offset.End));
    }

    private void Revoked(IEnumerable<TopicPartition> partitions, string how)
    {
        var gone = partitions.ToList();
        StopWork(gone.Where(_running.ContainsKey).ToList(), $"its partition was {how}");
        _assigned.ExceptWith(gone);
        _toPause.RemoveAll(gone.Contains);
        UpdateScope();
    }

    /// <summary>Cancels runs and waits for them, without committing: the partition's next holder runs those requests again.</summary>
    private void StopWork(IReadOnlyList<TopicPartition> partitions, string why)
    {
        foreach (var partition in partitions)
        {
            var running = _running[partition];
            log.LogWarning("Feed work {Work}: stopping {Feed} because {Why}; whoever holds the partition next resumes it", running.Item.WorkId, running.Item.Feed, why);
            running.Cancel.Cancel();
            try { running.Run.Wait(TimeSpan.FromMinutes(2)); } catch (AggregateException) { }
            _running.Remove(partition);
        }
    }

    private void UpdateScope()
    {
        var registry = _assigned.Where(p => RegistryTopics.All.Contains(p.Topic)).ToList();
        var perTopic = RegistryTopics.PersonKeyed.Select(t => registry.Where(p => p.Topic == t).Select(p => p.Partition.Value).ToHashSet()).ToList();
        var common = perTopic.Skip(1).Aggregate(new HashSet<int>(perTopic[0]), (all, next) => { all.IntersectWith(next); return all; });
        if (perTopic.Any(s => !s.SetEquals(common)))
            log.LogError("Group: the person-keyed topics were not assigned alike (different partition counts?); reconciling only partitions {Common} held on every one", string.Join(",", common.Order()));
        _scope = common.Count == 0 && registry.Count == 0 ? Nothing : ReconcileScope.Of(common, registry, Interlocked.Increment(ref _generation));
        log.LogInformation("Group: this instance now holds {Scope} (work partitions {Work})", _scope,
            string.Join(",", _assigned.Where(p => p.Topic == TopicCatalog.FeedWork).Select(p => p.Partition.Value).Order()));
        if (_assigned.Count > 0) _firstAssignment.TrySetResult();
    }
}
