using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Encodes mapped values (in schema field order) as Confluent wire-format Avro — magic byte, schema id,
/// Avro binary — through the stock <see cref="AvroSerializer{T}"/>, which registers the schema under the
/// topic's subject the first time. The reference for <see cref="CompiledAvroEncoder"/>.
/// </summary>
public sealed class AvroRecordEncoder : IRecordEncoder
{
    private readonly RecordSchema _schema;
    private readonly AvroSerializer<GenericRecord> _serializer;

    private readonly string _topic;

    public AvroRecordEncoder(ISchemaRegistryClient registry, RecordSchema schema, string topic)
    {
        _schema = schema;
        _topic = topic;
        _serializer = new AvroSerializer<GenericRecord>(registry, new AvroSerializerConfig { AutoRegisterSchemas = true });
    }

    public RecordSchema Schema => _schema;

    public GenericRecord ToRecord(object?[] values)
    {
        var record = new GenericRecord(_schema);
        for (var i = 0; i < values.Length; i++) record.Add(i, values[i]);
        return record;
    }

    /// <summary>A record of a schema without the origin field (gap events), on <paramref name="topic"/>'s subject.</summary>
    public byte[] Encode(object?[] values, string topic) => Serialize(ToRecord(values), topic);

    public byte[] Encode(object?[] values, SourceOrigin origin, long line)
    {
        var record = ToRecord(values);
        record.Add(0, origin.ToRecord(_schema, line));
        return Serialize(record, _topic);
    }

    // After the first call (schema registration) the serializer completes synchronously from its cache.
    private byte[] Serialize(GenericRecord record, string topic) =>
        _serializer.SerializeAsync(record, new SerializationContext(MessageComponentType.Value, topic)).GetAwaiter().GetResult();
}
