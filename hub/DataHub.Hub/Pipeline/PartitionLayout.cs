using DataHub.Hub.Store;

namespace DataHub.Hub.Pipeline;

/// <summary>The partitions of the topics a run writes to, numbered 0..Count-1 so per-partition state fits in an array.</summary>
public sealed class PartitionLayout
{
    private readonly string[] _topics;
    private readonly int[] _first;
    private readonly int[] _counts;

    public PartitionLayout(IReadOnlyList<(string Topic, int Partitions)> topics)
    {
        _topics = topics.Select(t => t.Topic).ToArray();
        _counts = topics.Select(t => t.Partitions).ToArray();
        _first = new int[_topics.Length];
        for (var i = 1; i < _first.Length; i++) _first[i] = _first[i - 1] + _counts[i - 1];
        Count = _counts.Sum();
    }

    public int Count { get; }

    /// <summary>The topic at <paramref name="topicIndex"/> and its partition count.</summary>
    public (string Topic, int Partitions) TopicAt(int topicIndex) => (_topics[topicIndex], _counts[topicIndex]);

    /// <summary>The slot of a partition of the topic at <paramref name="topicIndex"/> (-1 for a partition created after the run started).</summary>
    public int Slot(int topicIndex, int partition) => partition < _counts[topicIndex] ? _first[topicIndex] + partition : -1;

    /// <summary>Offsets per slot; partitions missing from <paramref name="offsets"/> start at 0.</summary>
    public long[] ToArray(IReadOnlyList<PartitionOffset> offsets)
    {
        var array = new long[Count];
        foreach (var o in offsets)
        {
            var t = Array.IndexOf(_topics, o.Topic);
            if (t >= 0 && Slot(t, o.Partition) is var slot and >= 0) array[slot] = o.Offset;
        }
        return array;
    }

    public IReadOnlyList<PartitionOffset> ToOffsets(long[] array)
    {
        var list = new List<PartitionOffset>(Count);
        for (var t = 0; t < _topics.Length; t++)
            for (var p = 0; p < _counts[t]; p++) list.Add(new PartitionOffset(_topics[t], p, array[_first[t] + p]));
        return list;
    }
}
