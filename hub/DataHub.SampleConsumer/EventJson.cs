using System.Text.Json;
using Avro;
using Avro.Generic;

namespace DataHub.SampleConsumer;

/// <summary>Turns a decoded Avro record into one JSON line (decimals as strings, dates as ISO 8601, bytes and fixed as base64).</summary>
public static class EventJson
{
    public static string Line(string topic, int partition, long offset, string? key, GenericRecord value) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["topic"] = topic, ["partition"] = partition, ["offset"] = offset, ["key"] = key,
            ["schema"] = value.Schema.Fullname, ["value"] = Plain(value),
        }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static object? Plain(object? value) => value switch
    {
        GenericRecord r => r.Schema.Fields.ToDictionary(f => f.Name, f => Plain(r[f.Name])),
        object[] items => items.Select(Plain).ToArray(),
        AvroDecimal d => d.ToString(),
        DateTime t => t.ToString("O"),
        GenericEnum e => e.Value,
        GenericFixed f => Convert.ToBase64String(f.Value),
        IDictionary<string, object> map => map.ToDictionary(p => p.Key, p => Plain(p.Value)),
        _ => value,
    };
}
