using System.Collections.Frozen;
using Avro;

namespace DataHub.Schemas.Avro;

/// <summary>
/// The Avro schemas shipped under schemas/avro (embedded at build time), by their path without the
/// extension, e.g. "household/birth-registration".
/// </summary>
public static class SchemaCatalog
{
    private const string Prefix = "avro/";

    private static readonly Lazy<FrozenDictionary<string, string>> Texts = new(() =>
        EmbeddedData.ResourceNames(Prefix).ToFrozenDictionary(
            n => n[Prefix.Length..^".avsc".Length].Replace('\\', '/'),
            EmbeddedData.ReadResource,
            StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, RecordSchema>> Parsed = new(() =>
        Texts.Value.ToFrozenDictionary(kv => kv.Key, kv => ParseRecord(kv.Key, kv.Value), StringComparer.Ordinal));

    public static IEnumerable<string> Names => Texts.Value.Keys.Order(StringComparer.Ordinal);

    public static string Text(string name) =>
        Texts.Value.TryGetValue(name, out var text) ? text : throw UnknownSchema(name);

    public static RecordSchema Get(string name) =>
        Parsed.Value.TryGetValue(name, out var schema) ? schema : throw UnknownSchema(name);

    private static RecordSchema ParseRecord(string name, string text)
    {
        try
        {
            return Schema.Parse(text) as RecordSchema
                ?? throw new InvalidDataException($"schema '{name}.avsc' is not an Avro record");
        }
        catch (SchemaParseException e)
        {
            throw new InvalidDataException($"schema '{name}.avsc' does not parse: {e.Message}", e);
        }
    }

    private static KeyNotFoundException UnknownSchema(string name) =>
        new($"no Avro schema named '{name}' under schemas/avro (known: {string.Join(", ", Names)})");
}
