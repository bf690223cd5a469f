using DataHub.Tests.Support;
using System.Text.RegularExpressions;
using Avro;
using DataHub.Schemas.Avro;

namespace DataHub.Tests.Contracts;

/// <summary>Every .avsc under schemas/avro is embedded, parses, and documents every field in Chinese and English.</summary>
public partial class AvroSchemaDocTests
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")] private static partial Regex Cjk();
    [GeneratedRegex("[A-Za-z]{2,}")] private static partial Regex Latin();

    private static readonly string AvroDir = RepoPaths.Under("schemas", "avro");

    private static IEnumerable<string> NamesOnDisk() =>
        Directory.EnumerateFiles(AvroDir, "*.avsc", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(AvroDir, file)[..^".avsc".Length].Replace('\\', '/'));

    public static TheoryData<string> FilesOnDisk() => new(NamesOnDisk());

    [Fact]
    public void The_catalog_embeds_exactly_the_files_on_disk() =>
        Assert.Equal(NamesOnDisk().Order(StringComparer.Ordinal), SchemaCatalog.Names);

    [Theory]
    [MemberData(nameof(FilesOnDisk))]
    public void Each_schema_parses_and_every_field_is_documented_in_Chinese_and_English(string name)
    {
        var schema = Schema.Parse(File.ReadAllText(Path.Combine(AvroDir, name + ".avsc"))) as RecordSchema;
        Assert.NotNull(schema);
        Assert.StartsWith("cn.datahub.", schema.Namespace);
        var problems = new List<string>();
        Inspect(schema, schema.Name, problems, []);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void Inspect(RecordSchema record, string path, List<string> problems, HashSet<string> seen)
    {
        if (!seen.Add(record.Fullname)) return;
        CheckDoc(record.Documentation, path, problems);
        foreach (var field in record.Fields)
        {
            CheckDoc(field.Documentation, $"{path}.{field.Name}", problems);
            foreach (var nested in Records(field.Schema)) Inspect(nested, $"{path}.{field.Name}", problems, seen);
        }
    }

    private static IEnumerable<RecordSchema> Records(Schema schema) => schema switch
    {
        RecordSchema r => [r],
        ArraySchema a => Records(a.ItemSchema),
        MapSchema m => Records(m.ValueSchema),
        UnionSchema u => u.Schemas.SelectMany(Records),
        _ => [],
    };

    private static void CheckDoc(string? doc, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(doc)) problems.Add($"{where}: no doc");
        else if (!Cjk().IsMatch(doc) || !Latin().IsMatch(doc)) problems.Add($"{where}: doc '{doc}' lacks Chinese or English");
    }

    [Fact]
    public void The_doc_check_rejects_a_field_documented_in_one_language()
    {
        var schema = (RecordSchema)Schema.Parse("""
            {"type":"record","name":"T","namespace":"cn.datahub.test","doc":"测试 / Test.",
             "fields":[{"name":"a","type":"string","doc":"只有中文"},{"name":"b","type":"string"}]}
            """);
        var problems = new List<string>();
        Inspect(schema, "T", problems, []);
        Assert.Equal(2, problems.Count);
    }
}
