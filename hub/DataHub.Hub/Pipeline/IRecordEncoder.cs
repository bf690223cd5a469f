using Avro;

namespace DataHub.Hub.Pipeline;

/// <summary>Turns mapped values (in schema field order) into a Confluent wire-format Avro message value.</summary>
public interface IRecordEncoder
{
    RecordSchema Schema { get; }

    /// <summary>
    /// Encodes <paramref name="values"/>; the schema's first field is the origin (<see cref="DataHub.Schemas.Avro.OriginField"/>),
    /// written from <paramref name="origin"/> and <paramref name="line"/> (its slot in <paramref name="values"/> is ignored).
    /// </summary>
    byte[] Encode(object?[] values, SourceOrigin origin, long line);
}
