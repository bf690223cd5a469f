namespace DataHub.Hub.Store;

/// <summary>
/// How far a feed got with one source file on one Kafka cluster: every line up to LastLine was
/// acknowledged by Kafka (published or dead-lettered). Sources are identified by content hash, so a
/// renamed copy of a file is still the same source. <see cref="ResumeFrom"/> holds, per partition of the
/// target and dead-letter topics, an offset at or below which no record of a line after LastLine can sit:
/// a resumed run scans from there to find lines Kafka acknowledged after the checkpoint was written.
/// </summary>
public sealed record SourceCheckpoint(string Feed, string SourceHash, string SourceName, string Cluster, long LastLine, bool Completed,
    DateTimeOffset UpdatedAt, IReadOnlyList<PartitionOffset>? ResumeFrom = null);

/// <summary>An offset in one partition of a topic.</summary>
public readonly record struct PartitionOffset(string Topic, int Partition, long Offset);

/// <summary>One run of a feed: when, how much, and how it ended.</summary>
public sealed record FeedRun(long Id, string Feed, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    string Status, long Read, long Published, long Rejected, long Skipped, string? Error);

/// <summary>A rejected record as the store keeps it (value already masked).</summary>
public sealed record DeadLetterEntry(string Feed, string SourceHash, string Source, long Line, string? Field, string? Value,
    string Reason, string? TargetTopic, DateTimeOffset RejectedAt, long? RunId = null, long Id = 0, DateTimeOffset? ReplayedAt = null);

/// <summary>Checkpoints, run history and dead letters of the feeds.</summary>
public interface IFeedStateStore
{
    Task<SourceCheckpoint?> GetCheckpointAsync(string feed, string sourceHash, string cluster, CancellationToken ct = default);
    Task SaveCheckpointAsync(SourceCheckpoint checkpoint, CancellationToken ct = default);
    /// <summary>A feed's checkpoints on one cluster (every cluster when <paramref name="cluster"/> is null), newest first.</summary>
    Task<IReadOnlyList<SourceCheckpoint>> CheckpointsAsync(string feed, string? cluster, CancellationToken ct = default);
    /// <summary>
    /// Forgets a feed's checkpoints on <paramref name="cluster"/> (only those of files named <paramref name="sourceName"/>
    /// when given), so its next run reads those files from line 1 again. Returns how many were removed.
    /// </summary>
    Task<int> DeleteCheckpointsAsync(string feed, string cluster, string? sourceName, CancellationToken ct = default);
    Task<long> StartRunAsync(string feed, string trigger, CancellationToken ct = default);
    Task FinishRunAsync(FeedRun run, CancellationToken ct = default);
    Task<IReadOnlyList<FeedRun>> RecentRunsAsync(string? feed, int limit, CancellationToken ct = default);
    /// <summary>Adds dead letters; one already stored for the same feed, source and line is kept as it is.</summary>
    Task AddDeadLettersAsync(IReadOnlyCollection<DeadLetterEntry> entries, CancellationToken ct = default);
    Task<IReadOnlyList<DeadLetterEntry>> DeadLettersAsync(string? feed, int limit, CancellationToken ct = default);
    /// <summary>Dead letters not replayed yet (of one feed and/or one source name when given), by feed, source and line.</summary>
    Task<IReadOnlyList<DeadLetterEntry>> PendingDeadLettersAsync(string? feed, string? source, CancellationToken ct = default);
    /// <summary>Records that these dead letters were published after all (by a replay).</summary>
    Task MarkReplayedAsync(IReadOnlyCollection<long> ids, DateTimeOffset when, CancellationToken ct = default);
}
