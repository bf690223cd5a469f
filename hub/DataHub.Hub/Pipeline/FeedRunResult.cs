namespace DataHub.Hub.Pipeline;

/// <summary>What one run of a feed did, per source file and in total.</summary>
public sealed record FeedRunResult(string Feed, long RunId, IReadOnlyList<SourceResult> Sources)
{
    public long Read => Sources.Sum(s => s.Read);
    public long Published => Sources.Sum(s => s.Published);
    public long DeadLettered => Sources.Sum(s => s.DeadLettered);
    public int SkippedSources => Sources.Count(s => s.AlreadyDone);
}

/// <summary>One source file: rows read, published to the target topic, sent to the dead-letter topic.</summary>
/// <remarks><see cref="FoundAcknowledged"/>: lines of a resumed file that an earlier, interrupted run had already published (counted, not sent again).</remarks>
public sealed record SourceResult(string Source, string TargetTopic, long Read, long Published, long DeadLettered, bool AlreadyDone, long ResumedAfterLine,
    long FoundAcknowledged = 0);

/// <summary>Progress of a running feed, reported as it goes.</summary>
public readonly record struct FeedProgress(string Feed, string Source, long Read, long Published, long DeadLettered, long BytesRead, long BytesTotal);
