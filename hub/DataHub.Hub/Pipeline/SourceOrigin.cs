using Avro;
using Avro.Generic;
using DataHub.Hub.Avro;
using DataHub.Schemas.Avro;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// The part of a record's origin that one source shares (feed, source name, source id): encoded once, so that
/// stamping a record costs only its line number.
/// </summary>
public sealed class SourceOrigin
{
    private readonly byte[] _encoded;

    public SourceOrigin(string feed, string source, string sourceKey)
    {
        Feed = feed;
        Source = source;
        SourceId = OriginField.SourceIdOf(sourceKey);
        var buffer = new AvroBuffer(64);
        buffer.WriteLong(1); // the union's second branch: the Origin record
        buffer.WriteString(Feed);
        buffer.WriteString(Source);
        buffer.WriteString(SourceId);
        _encoded = buffer.ToArray();
    }

    public string Feed { get; }
    public string Source { get; }
    public string SourceId { get; }

    /// <summary>Writes the origin field's Avro binary for <paramref name="line"/>.</summary>
    public void WriteTo(AvroBuffer buffer, long line)
    {
        _encoded.CopyTo(buffer.Reserve(_encoded.Length));
        buffer.Advance(_encoded.Length);
        buffer.WriteLong(line);
    }

    /// <summary>The origin as the generic record the stock serializer writes (the reference path).</summary>
    public GenericRecord ToRecord(RecordSchema schema, long line)
    {
        var originSchema = (RecordSchema)((UnionSchema)schema.Fields[0].Schema).Schemas[1];
        var record = new GenericRecord(originSchema);
        record.Add("feed", Feed);
        record.Add("source", Source);
        record.Add("sourceId", SourceId);
        record.Add("line", line);
        return record;
    }
}
