namespace DataHub.Schemas.Topics;

/// <summary>
/// One Kafka topic of the hub: its name (mi.&lt;domain&gt;.&lt;entity&gt;.v&lt;major&gt;), what keys it,
/// the Avro schema of its values, how it is kept, who writes and who reads it.
/// </summary>
public sealed record TopicDefinition(
    string Name,
    string ValueSchema,
    string Key,
    int Partitions,
    bool Compacted,
    TimeSpan? Retention,
    string Producer,
    IReadOnlyList<string> Consumers,
    string Description)
{
    /// <summary>The schema-registry subject of the values (Confluent's TopicNameStrategy).</summary>
    public string ValueSubject => $"{Name}-value";
}
