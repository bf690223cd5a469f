using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Avro;
using DataHub.Schemas.Avro;

namespace DataHub.Schemas.Topics;

/// <summary>
/// One Kafka topic of the hub: its name (mi.&lt;domain&gt;.&lt;entity&gt;.v&lt;major&gt;), what keys it,
/// the Avro schema of its values, how it is kept, who writes and who reads it.
/// </summary>
public sealed partial record TopicDefinition(
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

    /// <summary>The major version in the topic name (a breaking change makes a new topic).</summary>
    public int Major => MajorSuffix().Match(Name) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    /// <summary>
    /// The first 8 hex digits of the SHA-256 of the value schema's Avro Parsing Canonical Form: changes
    /// with any change that matters to readers and writers, not with docs or whitespace.
    /// </summary>
    public string SchemaFingerprint => Fingerprint(SchemaCatalog.Get(ValueSchema));

    /// <summary>"v1+3fa2c1d0": the topic's major and the schema fingerprint.</summary>
    public string SchemaVersion => $"v{Major}+{SchemaFingerprint}";

    public static string Fingerprint(Schema schema) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SchemaNormalization.ToParsingForm(schema))))[..8];

    [GeneratedRegex(@"\.v(\d+)$")]
    private static partial Regex MajorSuffix();
}
