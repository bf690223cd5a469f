using System.Security.Cryptography;
using System.Text;
using Avro;

namespace DataHub.Schemas.Avro;

/// <summary>
/// The provenance every record a feed publishes carries as its first field, <c>origin</c>: a nullable
/// <c>cn.datahub.common.Origin</c> record of feed, source, sourceId and line. It sits in the value rather than
/// in Kafka headers because headers cost librdkafka more per message than the whole record does (the ingest
/// benchmark prints both), and first so that a reader can recognise a record's origin from the start of the
/// Avro body without decoding the rest (<see cref="RecordOrigin.TryRead"/>).
/// </summary>
public static class OriginField
{
    public const string Name = "origin";
    public const string RecordName = "cn.datahub.common.Origin";

    private static readonly (string Name, Schema.Type Type)[] Layout =
        [("feed", Schema.Type.String), ("source", Schema.Type.String), ("sourceId", Schema.Type.String), ("line", Schema.Type.Long)];

    /// <summary>Whether <paramref name="schema"/> starts with the origin field in exactly the shape the hub writes.</summary>
    public static bool LeadsOff(RecordSchema schema) => schema.Count > 0 && schema.Fields[0].Name == Name && IsOrigin(schema.Fields[0].Schema);

    /// <summary>What is wrong with <paramref name="schema"/>'s first field for carrying the origin, or null when nothing is.</summary>
    public static string? Problem(RecordSchema schema) =>
        LeadsOff(schema) ? null
        : $"schema {schema.Fullname} must start with the field '{Name}' (the nullable {RecordName} record every feed record carries; copy it from schemas/avro/common/dead-letter.avsc)";

    private static bool IsOrigin(Schema schema) =>
        schema is UnionSchema { Count: 2 } union
        && union.Schemas[0].Tag == Schema.Type.Null
        && union.Schemas[1] is RecordSchema record
        && record.Fullname == RecordName
        && record.Fields.Select(f => (f.Name, f.Schema.Tag)).SequenceEqual(Layout);

    /// <summary>
    /// A source's identity for the origin: the first 16 hex digits of its content hash (a lowercase SHA-256 hex
    /// string, as checkpoints keep it), or of the SHA-256 of its key when it is not one (tables are keyed by name).
    /// </summary>
    public static string SourceIdOf(string sourceKey) =>
        IsSha256Hex(sourceKey) ? sourceKey[..16] : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceKey)))[..16];

    private static bool IsSha256Hex(string text) => text.Length == 64 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
