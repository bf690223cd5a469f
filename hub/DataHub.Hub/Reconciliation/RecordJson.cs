using System.Globalization;
using System.Text.Json;
using Avro;
using Avro.Generic;
using DataHub.Schemas.Avro;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// A decoded Avro record as flat JSON text for the store: dates as yyyy-MM-dd, timestamps ISO 8601, decimals as
/// text. The origin field is left out: the store keeps a record's feed, source and line in columns of their own.
/// </summary>
public static class RecordJson
{
    public static string Serialize(GenericRecord record)
    {
        var values = new Dictionary<string, string?>();
        foreach (var field in record.Schema.Fields.Where(f => f.Name != OriginField.Name))
            values[field.Name] = record.TryGetValue(field.Name, out var v) && v is not null ? Text(v, field.Schema) : null;
        return JsonSerializer.Serialize(values);
    }

    public static string Text(object? value, Schema? schema = null) => value switch
    {
        null => "",
        DateTime d when IsTimestamp(schema) => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        AvroDecimal m => m.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsTimestamp(Schema? schema)
    {
        var s = schema is UnionSchema u ? u.Schemas.FirstOrDefault(x => x.Tag != Schema.Type.Null) : schema;
        return s is LogicalSchema { LogicalTypeName: "timestamp-millis" or "timestamp-micros" };
    }
}
