using Avro;
using Confluent.SchemaRegistry;

namespace DataHub.Hub.Pipeline;

/// <summary>The encoder the runner uses: the compiled one (the stock serializer stays as the reference in tests and the benchmark).</summary>
public static class RecordEncoders
{
    public static async Task<IRecordEncoder> CreateAsync(ISchemaRegistryClient registry, RecordSchema schema, string topic) =>
        await CompiledAvroEncoder.CreateAsync(registry, schema, topic);
}
