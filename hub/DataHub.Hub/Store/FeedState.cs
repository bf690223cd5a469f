namespace DataHub.Hub.Store;

/// <summary>
/// How far a feed got with one source file on one Kafka cluster: every line up to LastLine was
/// acknowledged by Kafka (published or dead-lettered). Sources are identified by content hash, so a
/// renamed copy of a file is still the same source.
/// </summary>
public sealed record SourceCheckpoint(string Feed, string SourceHash, string SourceName, string Cluster, long LastLine, bool Completed, DateTimeOffset UpdatedAt);

/// <summary>One run of a feed: when, how much, and how it ended.</summary>
public sealed record FeedRun(long Id, string Feed, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    string Status, long Read, long Published, long Rejected, long Skipped, string? Error);

/// <summary>A rejected record as the store keeps it (value already masked).</summary>
public sealed record DeadLetterEntry(string Feed, string SourceHash, string Source, long Line, string? Field, string? Value,
    string Reason, string? TargetTopic, DateTimeOffset RejectedAt, long? RunId = null, long Id = 0);

/// <summary>Checkpoints, run history and dead letters of the feeds.</summary>
public interface IFeedStateStore
{
    Task<SourceCheckpoint?> GetCheckpointAsync(string feed, string sourceHash, string cluster, CancellationToken ct = default);
    Task SaveCheckpointAsync(SourceCheckpoint checkpoint, CancellationToken ct = default);
    Task<long> StartRunAsync(string feed, string trigger, CancellationToken ct = default);
    Task FinishRunAsync(FeedRun run, CancellationToken ct = default);
    Task<IReadOnlyList<FeedRun>> RecentRunsAsync(string? feed, int limit, CancellationToken ct = default);
    /// <summary>Adds dead letters; one already stored for the same feed, source and line is kept as it is.</summary>
    Task AddDeadLettersAsync(IReadOnlyCollection<DeadLetterEntry> entries, CancellationToken ct = default);
    Task<IReadOnlyList<DeadLetterEntry>> DeadLettersAsync(string? feed, int limit, CancellationToken ct = default);
}
