using DataHub.Hub.ScaleOut;

namespace DataHub.Hub.Reconciliation;

/// <summary>One materialised record: identity, person, payload (flat JSON) and provenance.</summary>
public sealed record StoredRecord(string Identity, string? ResidentId, string Payload, string? Feed, string? Source, long Line, int Partition, long Offset);

/// <summary>
/// The materialised registries: the latest record per identity per topic, with where it came from (feed, source
/// file, line, topic offset), the next offset to read per partition, and the ranges the cluster dropped unread.
/// Rows and offsets are written in one atomic step, so the store never holds a record twice nor skips one. Each
/// row also keeps its person's partition (<see cref="PersonPartitioner"/>), so an instance loads only its share.
/// Implemented on SQLite (<see cref="SqliteRegistryStore"/>) and SQL Server (<c>SqlServerRegistryStore</c>).
/// </summary>
public interface IRegistryStore
{
    /// <summary>
    /// Ties the stored offsets to the Kafka cluster they were read from. When they were read from another cluster (a new
    /// embedded cluster starts every topic at offset 0 again), they are forgotten, so every topic is read again from its
    /// start instead of skipping the new cluster's first records; the records already stored stay, and the ones read
    /// again replace them. Returns the cluster the offsets were from when they were forgotten, else null. A store that
    /// has never recorded a cluster adopts this one and keeps its offsets. One atomic step (several instances may start at once).
    /// </summary>
    string? AdoptCluster(string cluster);

    /// <summary>The next offset to read per partition of <paramref name="topic"/> (a partition never stored is absent: 0).</summary>
    IReadOnlyDictionary<int, long> NextOffsets(string topic);

    /// <summary>
    /// Stores a batch read from <paramref name="topic"/> (a later record of an identity replaces the earlier, also within
    /// the batch) and the next offsets, but only if every partition's committed offset is still where the batch started
    /// (<paramref name="startOffsets"/>; an absent partition counts as 0): when another instance stored the same range
    /// meanwhile, nothing is written and false is returned, so two readers of a partition never store an older record
    /// over a newer one. Check and write are one atomic step.
    /// </summary>
    bool Save(string topic, IReadOnlyList<StoredRecord> records, IReadOnlyDictionary<int, long> startOffsets, IReadOnlyDictionary<int, long> nextOffsets);

    /// <summary>Records that records were dropped before they were read (kept until a run reports them); the same range is recorded once.</summary>
    void RecordLoss(LostRange range);

    /// <summary>Losses no run has reported yet, in the order they were recorded; they are now reported by <paramref name="runId"/> (two runs never take the same one).</summary>
    IReadOnlyList<LostRange> TakeUnreportedLosses(string runId);

    /// <summary>The stored records of a topic in a stable order (Kafka partition, offset): all of them, or those <see cref="RegistrySlice"/> gives <paramref name="scope"/>.</summary>
    IEnumerable<StoredRecord> Read(string topic, ReconcileScope? scope = null);
}
