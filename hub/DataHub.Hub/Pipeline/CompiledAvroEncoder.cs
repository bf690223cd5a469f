using Avro;
using Confluent.SchemaRegistry;
using DataHub.Hub.Avro;
using DataHub.Schemas.Avro;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Confluent wire-format Avro for mapped values without the stock serializer's per-record GenericRecord:
/// the schema is registered once (under the topic's subject, as the stock serializer registers it) and
/// each record is written by a <see cref="CompiledAvroWriter"/> into one reused buffer. Same bytes as
/// <see cref="AvroRecordEncoder"/> (the reference). Not thread-safe: one per producing loop.
/// </summary>
public sealed class CompiledAvroEncoder : IRecordEncoder
{
    private readonly Action<AvroBuffer, object?[]> _write;
    private readonly AvroBuffer _buffer = new();

    private CompiledAvroEncoder(RecordSchema schema, int schemaId)
    {
        Schema = schema;
        SchemaId = schemaId;
        if (OriginField.Problem(schema) is { } problem) throw new ArgumentException(problem, nameof(schema));
        _write = CompiledAvroWriter.ForRecordValues(schema, firstField: 1);
    }

    public RecordSchema Schema { get; }
    public int SchemaId { get; }

    /// <summary>Registers <paramref name="schema"/> under "<paramref name="topic"/>-value" (TopicNameStrategy) and compiles its writer.</summary>
    public static async Task<CompiledAvroEncoder> CreateAsync(ISchemaRegistryClient registry, RecordSchema schema, string topic)
    {
        // The stock AvroSerializer registers schema.ToString(); the same text gets the same id.
        var id = await registry.RegisterSchemaAsync($"{topic}-value", new Confluent.SchemaRegistry.Schema(schema.ToString(), SchemaType.Avro), normalize: false);
        return new CompiledAvroEncoder(schema, id);
    }

    public byte[] Encode(object?[] values, SourceOrigin origin, long line)
    {
        _buffer.Reset();
        _buffer.WriteConfluentHeader(SchemaId);
        origin.WriteTo(_buffer, line);
        _write(_buffer, values);
        return _buffer.ToArray();
    }
}
