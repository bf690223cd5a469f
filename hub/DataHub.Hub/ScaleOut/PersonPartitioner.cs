using DataHub.Hub.Kafka;
using DataHub.Hub.Reconciliation;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.ScaleOut;

/// <summary>
/// Which partition a person lives in: the partition of a record keyed by the 18-digit resident ID
/// (<see cref="KeyPartitioner"/>, murmur2 as the producer and Java clients place it).
/// </summary>
public static class PersonPartitioner
{
    /// <summary>Partition count of the person-keyed registry topics (the same for all of them: a catalog test checks it).</summary>
    public static int PartitionCount { get; } = TopicCatalog.Get(TopicCatalog.Births).Partitions;

    /// <summary>The partition of a record keyed by <paramref name="key"/> on a topic of <paramref name="partitions"/> partitions.</summary>
    public static int PartitionOf(string key, int partitions) => KeyPartitioner.PartitionOf(key, partitions);

    /// <summary>
    /// The partition of the person with this resident ID (canonical form, so "…x" and "…X" agree), or -1 when the
    /// row names no person: such rows are read by every instance (see <see cref="RegistrySlice"/>).
    /// </summary>
    public static int OfResident(string? residentId) =>
        !string.IsNullOrEmpty(residentId) && ResidentId.TryPack(residentId, out var key) ? PartitionOf(ResidentId.Unpack(key), PartitionCount) : -1;

    /// <summary>
    /// The partition that owns a gap case: its person's partition; a stand-in person (BC:…, G:…) rests only on rows
    /// every instance reads, so any stable choice is right — the hash of the stand-in's text.
    /// </summary>
    public static int OfCasePerson(string person) =>
        person.Length == 18 && OfResident(person) is var p and >= 0 ? p : PartitionOf(person, PartitionCount);
}
