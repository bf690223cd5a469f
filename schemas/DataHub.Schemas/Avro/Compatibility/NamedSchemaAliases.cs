using System.Text.Json;
using Avro;

namespace DataHub.Schemas.Avro.Compatibility;

/// <summary>
/// The aliases of a named schema, fully qualified. Apache.Avro parses them but keeps them non-public
/// (<c>NamedSchema.InAliases</c> is protected), so they are read back from the schema's JSON form.
/// </summary>
internal static class NamedSchemaAliases
{
    public static bool Contains(NamedSchema schema, NamedSchema other)
    {
        using var json = JsonDocument.Parse(schema.ToString());
        if (!json.RootElement.TryGetProperty("aliases", out var aliases) || aliases.ValueKind != JsonValueKind.Array) return false;
        foreach (var alias in aliases.EnumerateArray().Select(a => a.GetString() ?? ""))
        {
            var qualified = alias.Contains('.') || string.IsNullOrEmpty(schema.Namespace) ? alias : $"{schema.Namespace}.{alias}";
            if (qualified == other.Fullname || alias == other.Name) return true;
        }
        return false;
    }
}
