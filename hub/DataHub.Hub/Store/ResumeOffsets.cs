using System.Text.Json;

namespace DataHub.Hub.Store;

/// <summary>The checkpoint's resume offsets as stored: JSON {"topic": {"partition": offset}}.</summary>
public static class ResumeOffsets
{
    public static string Format(IReadOnlyList<PartitionOffset> offsets) =>
        JsonSerializer.Serialize(offsets.GroupBy(o => o.Topic).ToDictionary(g => g.Key, g => g.ToDictionary(o => o.Partition.ToString(), o => o.Offset)));

    public static IReadOnlyList<PartitionOffset> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, long>>>(json)!
            .SelectMany(t => t.Value.Select(p => new PartitionOffset(t.Key, int.Parse(p.Key), p.Value))).ToList();
}
