using System.Text;
using DataHub.Hub.Reconciliation;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.ScaleOut;

/// <summary>
/// Which partition a person lives in: murmur2 of the 18-digit resident ID, exactly as the producer's
/// murmur2 partitioner (and Java clients) place a record keyed by it. Confluent.Kafka does not expose
/// librdkafka's partitioner function, so the 30-line hash is written here; a test checks it against
/// where the cluster really put records.
/// </summary>
public static class PersonPartitioner
{
    /// <summary>Partition count of the person-keyed registry topics (the same for all of them: a catalog test checks it).</summary>
    public static int PartitionCount { get; } = TopicCatalog.Get(TopicCatalog.Births).Partitions;

    /// <summary>The partition of a record keyed by <paramref name="key"/> on a topic of <paramref name="partitions"/> partitions.</summary>
    public static int PartitionOf(string key, int partitions)
    {
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        return (int)((Murmur2(buffer[..length]) & 0x7fffffff) % (uint)partitions);
    }

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

    /// <summary>Kafka's murmur2 (seed 0x9747b28c), as in org.apache.kafka.common.utils.Utils.murmur2 and librdkafka's rd_murmur2.</summary>
    public static uint Murmur2(ReadOnlySpan<byte> data)
    {
        const uint m = 0x5bd1e995;
        const int r = 24;
        var h = 0x9747b28c ^ (uint)data.Length;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            var k = (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        switch (data.Length - i)
        {
            case 3: h ^= (uint)data[i + 2] << 16; goto case 2;
            case 2: h ^= (uint)data[i + 1] << 8; goto case 1;
            case 1: h ^= data[i]; h *= m; break;
        }
        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return h;
    }
}
