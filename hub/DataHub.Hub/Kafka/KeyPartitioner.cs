using System.Text;

namespace DataHub.Hub.Kafka;

/// <summary>
/// The partition of a keyed record: murmur2 of the key's UTF-8 bytes, positive, modulo the partition count, exactly
/// as librdkafka's murmur2 partitioners and Java clients place it. Confluent.Kafka does not expose librdkafka's
/// partitioner function, so the 30-line hash is written here; a test checks it against Kafka's own test vectors
/// and against where the cluster really put records.
/// </summary>
public static class KeyPartitioner
{
    public static int PartitionOf(string key, int partitions)
    {
        Span<byte> buffer = key.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        return (int)((Murmur2(buffer[..length]) & 0x7fffffff) % (uint)partitions);
    }

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
