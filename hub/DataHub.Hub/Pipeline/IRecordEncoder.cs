using Avro;

namespace DataHub.Hub.Pipeline;

/// <summary>Turns mapped values (in schema field order) into a Confluent wire-format Avro message value.</summary>
public interface IRecordEncoder
{
    RecordSchema Schema { get; }
    byte[] Encode(object?[] values);
}
