using System.Collections.Concurrent;
using DataHub.Schemas.Codes;

namespace DataHub.Connectors.Validation;

/// <summary>
/// The code tables loaded for this process, by standard key. A feed that checks a field with
/// <c>code:&lt;key&gt;</c> also checks existence when this registry holds the table for &lt;key&gt;;
/// without one it checks format and embedded division only. The runner (or whoever starts it)
/// fills the registry, e.g. from the sample or published CSV tables.
/// </summary>
public sealed class CodeTableRegistry
{
    private readonly ConcurrentDictionary<string, CodeTable> _tables = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces the table of its standard.</summary>
    public void Register(CodeTable table)
    {
        CodingStandards.Get(table.StandardKey);
        _tables[table.StandardKey] = table;
    }

    /// <summary>Reads a CSV code table (header = the record's fields) and registers it.</summary>
    public CodeTable LoadCsv(string standardKey, string path)
    {
        var table = CodeTable.ReadCsvFile(CodingStandards.Get(standardKey), path);
        Register(table);
        return table;
    }

    public CodeTable? Find(string standardKey) => _tables.GetValueOrDefault(standardKey);

    public IReadOnlyCollection<string> Keys => _tables.Keys.Order(StringComparer.Ordinal).ToList();
}
