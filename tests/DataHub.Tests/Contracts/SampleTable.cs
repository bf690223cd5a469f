using DataHub.Schemas.Text;

namespace DataHub.Tests.Contracts;

/// <summary>A sample CSV read as header and rows of strings.</summary>
internal sealed record SampleTable(List<string> Header, List<List<string>> Rows)
{
    public static SampleTable Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = CsvLine.Split(lines[0]);
        var rows = lines.Skip(1).Select(CsvLine.Split).ToList();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
            Assert.True(row.Count == header.Count, $"{Path.GetFileName(path)} row {i + 2}: {row.Count} fields, header has {header.Count}");
        return new SampleTable(header, rows);
    }

    public IEnumerable<string> Column(string name)
    {
        var i = Header.IndexOf(name);
        Assert.True(i >= 0, $"no column '{name}'");
        return Rows.Select(r => r[i]);
    }

    public bool Has(string name) => Header.Contains(name);
}
